package io.pgjmx.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What several benchmark mains and their application JVMs set up the same way. */
final class BenchSetup {

    private BenchSetup() {
    }

    /**
     * The agent jar at PATH, made absolute; a missing one ends the benchmark (status 2) before anything starts,
     * saying to build it or {@code howToPass} another.
     */
    static Path agentJar(String path, String howToPass) {
        Path agent = Path.of(path).toAbsolutePath();
        if (!Files.isRegularFile(agent)) {
            System.err.println("agent jar not found at " + agent + "; build it first (mvn -pl agent -am package "
                    + "-DskipTests) or " + howToPass);
            System.exit(2);
        }
        return agent;
    }

    /** The application JVMs' warm HikariCP pool of 2, from their arguments {@code URL USER [PASSWORD]}. */
    static HikariDataSource pool(String[] args, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword(args.length > 2 ? args[2] : "");
        config.setPoolName(name);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        return new HikariDataSource(config);
    }

    /** Closes the victims of a round; most of their backends are gone already, which close() does not mind. */
    static void closeAll(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException terminated) {
                // its backend is gone already
            }
        }
    }
}
