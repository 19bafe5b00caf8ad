package io.pgjmx.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each supported major version has, from server_version_num. */
class ServerInfoTest {

    private static ServerInfo server(int versionNum) {
        return new ServerInfo(versionNum, "x", 1, "postgres", true);
    }

    @Test
    void leaderPidFrom13() {
        assertThat(server(100023).hasLeaderPid()).isFalse();
        assertThat(server(120022).hasLeaderPid()).isFalse();
        assertThat(server(130000).hasLeaderPid()).isTrue();
        assertThat(server(180006).hasLeaderPid()).isTrue();
    }

    @Test
    void atLeastComparesMajorVersions() {
        assertThat(server(100000).atLeast(ServerInfo.OLDEST_MAJOR)).isTrue();
        assertThat(server(99999).atLeast(ServerInfo.OLDEST_MAJOR)).isFalse();
        assertThat(server(140024).atLeast(15)).isFalse();
    }
}
