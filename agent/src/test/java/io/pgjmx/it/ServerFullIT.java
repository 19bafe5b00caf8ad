package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.pg.EmbeddedPostgres;
import io.pgjmx.testing.AgentJvm;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The server itself at {@code max_connections}: the README's advice (PostgreSQL 16+: {@code
 * reserved_connections} and a monitor role granted {@code pg_use_reserved_connections}) keeps pgjmx's way in,
 * so the operator can still list the sessions and end the ones that filled the server.
 */
class ServerFullIT {

    @Test
    void monitorRoleWithReservedConnectionsGetsInWhenTheServerIsFull() throws Exception {
        Path base = Files.createTempDirectory("pgjmx-full");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // 16+: reserved_connections; the classpath binaries are the newest supported version
        EmbeddedPostgres pg = EmbeddedPostgres.start(base, port, Map.of("max_connections", "12",
                "superuser_reserved_connections", "1", "reserved_connections", "2"));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection admin = DriverManager.getConnection(url, "postgres", ""); Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE full_app LOGIN PASSWORD 'app-pw'");
            st.execute("CREATE ROLE pgjmx_monitor LOGIN PASSWORD 'monitor-pw'");
            st.execute("GRANT pg_use_reserved_connections, pg_signal_backend, pg_read_all_stats TO pgjmx_monitor");
        }
        List<Connection> fillers = new ArrayList<>();
        try (AgentJvm app = AgentJvm.start("jolokia=false,monitorUser=pgjmx_monitor,monitorPassword=monitor-pw")) {
            app.send("hikari full 2 " + url + " full_app app-pw");
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("full"));
            // fill every slot that is not reserved
            SQLException refused = null;
            while (refused == null && fillers.size() < 20) {
                Properties props = new Properties();
                props.setProperty("user", "full_app");
                props.setProperty("password", "app-pw");
                props.setProperty("ApplicationName", "filler");
                try {
                    fillers.add(DriverManager.getConnection(url, props));
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertThat((Throwable) refused).as("the server is full for ordinary roles").isNotNull();
            assertThat(refused.getMessage()).contains("reserved");
            assertThat(ds.attribute("Reachable")).isEqualTo(true);
            assertThat(ds.pids("application=filler")).hasSize(fillers.size());
            assertThat((int) ds.attribute("OwnSessionCount")).isEqualTo(2);

            int[] ended = ds.terminateSessions("application=filler");

            assertThat(ended).hasSize(fillers.size());
            assertThat(ds.pids("application=filler")).isEmpty();
            assertThat(ds.pids("own=true")).as("the pool's own sessions survive").hasSize(2);
            try (Connection again = DriverManager.getConnection(url, "full_app", "app-pw")) {
                assertThat(again.isValid(2)).as("the server takes ordinary connections again").isTrue();
            }
            assertThatThrownBy(() -> fillers.get(0).createStatement().execute("select 1"))
                    .as("the fillers were really terminated").isInstanceOf(SQLException.class);
        } finally {
            for (Connection c : fillers) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // terminated
                }
            }
            pg.close();
        }
    }
}
