package io.pgjmx.agent.http;

import com.sun.net.httpserver.HttpServer;

/**
 * Stops the HTTP server when the JVM exits. Its dispatcher thread waits for connections inside a native
 * {@code select}, and HotSpot's exit waits up to 300 ms for every thread that is in native code to come out:
 * without this hook every process with the endpoint on exits that much later (the Jolokia agent alone pays it
 * too). The stop runs on a thread of its own and the hook waits for it briefly, so a stuck stop never holds
 * the host's exit.
 */
final class StopAtExit extends Thread {

    private static final long WAIT_MILLIS = 200;
    private final HttpServer server;

    private StopAtExit(HttpServer server) {
        super("pgjmx-http-exit");
        this.server = server;
    }

    static void register(HttpServer server) {
        Runtime.getRuntime().addShutdownHook(new StopAtExit(server));
    }

    @Override
    public void run() {
        Thread stop = new Thread(() -> server.stop(0), "pgjmx-http-stop");
        stop.setDaemon(true);
        stop.start();
        try {
            stop.join(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
