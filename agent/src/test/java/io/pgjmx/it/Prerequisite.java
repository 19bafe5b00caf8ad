package io.pgjmx.it;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a second JDK, root, /proc, ...). Without it the test is skipped on a
 * developer's machine, but fails under {@code CI=true}: CI provides every prerequisite, so a missing one there
 * is a broken set-up, not a reason to pass quietly.
 */
final class Prerequisite {

    private Prerequisite() {
    }

    static void require(boolean met, String what) {
        if (met) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("missing prerequisite on CI (CI=true): " + what);
        }
        Assumptions.abort(what);
    }
}
