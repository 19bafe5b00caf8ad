package io.pgjmx.agent.jmx;

import javax.management.ConstructorParameters;

/**
 * {@code lockRoots()}: a session that blocks others and waits on nobody. Terminating it is the usual fix:
 * everything in {@code blockedPids} waits on it.
 */
public final class LockRoot {

    private final int pid;
    private final int[] blockedPids;
    private final boolean own;
    private final String holderThread;
    private final String state;
    private final long xactSeconds;

    @ConstructorParameters({"pid", "blockedPids", "own", "holderThread", "state", "xactSeconds"})
    public LockRoot(int pid, int[] blockedPids, boolean own, String holderThread, String state, long xactSeconds) {
        this.pid = pid;
        this.blockedPids = blockedPids;
        this.own = own;
        this.holderThread = holderThread;
        this.state = state;
        this.xactSeconds = xactSeconds;
    }

    public int getPid() {
        return pid;
    }

    /** Every session waiting on this one, directly or through others, in pid order. */
    public int[] getBlockedPids() {
        return blockedPids.clone();
    }

    public boolean isOwn() {
        return own;
    }

    public String getHolderThread() {
        return holderThread;
    }

    public String getState() {
        return state;
    }

    /** Age of its transaction in seconds; -1 when none or not visible. */
    public long getXactSeconds() {
        return xactSeconds;
    }
}
