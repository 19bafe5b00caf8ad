package io.pgjmx.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockForestTest {

    private static Map<Integer, int[]> edges(int[]... pidThenBlockers) {
        Map<Integer, int[]> m = new HashMap<>();
        for (int[] e : pidThenBlockers) {
            m.put(e[0], java.util.Arrays.copyOfRange(e, 1, e.length));
        }
        return m;
    }

    @Test
    void chainHasOneRootThatBlocksEveryLinkTransitively() {
        // 10 holds a row; 11 waits on 10; 12 is queued behind 11 on the same row (pg_blocking_pids names 11)
        LockForest f = new LockForest(edges(new int[] {10}, new int[] {11, 10}, new int[] {12, 11}));
        assertThat(f.roots()).containsExactly(10);
        assertThat(f.blockedTransitively(10)).containsExactly(11, 12);
        assertThat(f.blocking(10)).containsExactly(11);
        assertThat(f.blockedTransitively(11)).containsExactly(12);
        assertThat(f.render(pid -> "s" + pid)).isEqualTo("pid 10 s10\n  └ pid 11 s11\n    └ pid 12 s12\n");
    }

    @Test
    void starHasOneRootWithEveryVictim() {
        LockForest f = new LockForest(edges(new int[] {1}, new int[] {3, 1}, new int[] {2, 1}, new int[] {4}));
        assertThat(f.roots()).containsExactly(1);
        assertThat(f.blockedTransitively(1)).containsExactly(2, 3);
        assertThat(f.render(pid -> "")).isEqualTo("pid 1 \n  └ pid 2 \n  └ pid 3 \n");
    }

    @Test
    void twoRootsAndAWaiterOfBothAppearsUnderEach() {
        LockForest f = new LockForest(edges(new int[] {1}, new int[] {2}, new int[] {5, 1, 2}));
        assertThat(f.roots()).containsExactly(1, 2);
        assertThat(f.blockedTransitively(1)).containsExactly(5);
        assertThat(f.blockedTransitively(2)).containsExactly(5);
        assertThat(f.render(pid -> "x")).isEqualTo("pid 1 x\n  └ pid 5 x\npid 2 x\n  └ pid 5 x\n");
    }

    @Test
    void cycleHasNoRootAndNeitherWalkLoops() {
        LockForest f = new LockForest(edges(new int[] {1, 2}, new int[] {2, 1}, new int[] {3, 2}));
        assertThat(f.roots()).isEmpty();
        assertThat(f.blockedTransitively(1)).containsExactly(2, 3);
        assertThat(f.blockedTransitively(2)).containsExactly(1, 3);
        assertThat(f.render(pid -> "s")).isEqualTo("waiting in a cycle (a deadlock PostgreSQL ends after "
                + "deadlock_timeout) or on sessions not listed:\n  pid 1 s  waits on 2\n  pid 2 s  waits on 1\n"
                + "  pid 3 s  waits on 2\n");
    }

    @Test
    void cycleBelowARootIsMarkedNotFollowed() {
        // 1 blocks 2; 2 and 3 wait on each other as well (not a real lock graph, but pg_blocking_pids is read
        // at slightly different moments per row, so the tree must survive anything)
        LockForest f = new LockForest(edges(new int[] {1}, new int[] {2, 1, 3}, new int[] {3, 2}));
        assertThat(f.roots()).containsExactly(1);
        assertThat(f.blockedTransitively(1)).containsExactly(2, 3);
        assertThat(f.render(pid -> "s")).isEqualTo(
                "pid 1 s\n  └ pid 2 s\n    └ pid 3 s\n      └ pid 2  (already above: a cycle)\n");
    }

    @Test
    void blockerThatIsNotListedIsStillARoot() {
        // a prepared transaction or a server process: pg_blocking_pids names it, pgjmx does not list it
        LockForest f = new LockForest(edges(new int[] {7, 99}));
        assertThat(f.roots()).containsExactly(99);
        assertThat(f.blockedTransitively(99)).containsExactly(7);
    }

    @Test
    void nobodyWaiting() {
        LockForest f = new LockForest(edges(new int[] {1}, new int[] {2}));
        assertThat(f.roots()).isEmpty();
        assertThat(f.render(pid -> "")).isEqualTo("no session waits on a lock held by another\n");
    }
}
