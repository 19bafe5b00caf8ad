package io.pgjmx.agent.discovery;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/** A map key that compares by identity and does not keep an application object (or its loader) alive. */
final class WeakIdentityKey extends WeakReference<Object> {

    private final int hash;

    WeakIdentityKey(Object referent, ReferenceQueue<Object> queue) {
        super(referent, queue);
        this.hash = System.identityHashCode(referent);
    }

    /** A throw-away key for look-ups. */
    static WeakIdentityKey lookup(Object referent) {
        return new WeakIdentityKey(referent, null);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WeakIdentityKey key)) {
            return false;
        }
        Object mine = get();
        return mine != null && mine == key.get();
    }
}
