package io.pgjmx.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine: a second JDK, root, tmux, promtool, /proc, a non-loopback address.
 * Without it the test is skipped on a developer's machine, but fails under {@code CI=true}: CI provides every
 * prerequisite ({@code .ci/run} installs them), so a missing one there is a broken set-up, not a pass. The
 * one place of that rule for the agent's and the console's tests.
 */
public final class Prerequisite {

    private Prerequisite() {
    }

    /** Returns when {@code met}; otherwise skips the test, or fails it on CI, naming {@code what} is missing. */
    public static void require(boolean met, String what) {
        if (met) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("missing prerequisite (CI=true, so this fails instead of being skipped): " + what);
        }
        Assumptions.abort("missing prerequisite: " + what);
    }
}
