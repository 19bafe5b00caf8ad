package io.pgjmx.agent.http;

/**
 * What the restrictor must know about the HTTP request it judges, which Jolokia does not pass to it: who
 * authenticated, whether the request came as a JSON POST (a browser cannot send one cross-site
 * without a preflight, which pgjmx refuses), and the request's own origin when its {@code Origin} header names
 * exactly that (the sessions page {@code /pgjmx/} calling its own endpoint; browsers send Origin on every
 * POST). Set by {@link RequestGuard} on the request's thread.
 */
record HttpCaller(String user, boolean jsonPost, String sameOrigin) {

    private static final ThreadLocal<HttpCaller> CURRENT = new ThreadLocal<>();

    static void set(HttpCaller caller) {
        if (caller == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(caller);
        }
    }

    /** Never null: outside a guarded request the caller is anonymous and may not act. */
    static HttpCaller current() {
        HttpCaller caller = CURRENT.get();
        return caller != null ? caller : new HttpCaller(null, false, null);
    }
}
