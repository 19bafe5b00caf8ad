package io.pgjmx.console;

import io.pgjmx.console.client.Clients;
import io.pgjmx.console.client.PgjmxClient;
import io.pgjmx.console.client.Target;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** TARGET and the options that say how to reach it and which DataSource to use there. */
public final class TargetOptions {

    @Parameters(index = "0", paramLabel = "TARGET", description = {
        "A local PID (attach + local JMX), HOST:PORT (remote JMX), a service:jmx: URL,",
        "or the agent's Jolokia URL http(s)://HOST:PORT/jolokia"})
    String target;

    @Option(names = "--datasource", paramLabel = "NAME",
            description = "The DataSource to use when the JVM has several (see the datasources command).")
    String dataSource;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:PGJMX_USER}",
            description = "User for Jolokia basic auth or remote JMX (default: env PGJMX_USER).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:PGJMX_PASSWORD}",
            description = "Its password (default: env PGJMX_PASSWORD; an option is visible in ps).")
    String password;

    Target parsedTarget() {
        return Target.parse(target);
    }

    PgjmxClient open() {
        return Clients.open(parsedTarget(), blankToNull(user), blankToNull(password));
    }

    /** The DataSource to work on: --datasource, or the only one there is. */
    String chooseDataSource(PgjmxClient client) {
        List<String> names = client.agent().dataSourceNames();
        if (dataSource != null) {
            if (!names.contains(dataSource)) {
                throw new ConsoleException(ExitCodes.USAGE, "no DataSource '" + dataSource + "' in " + client.describe()
                        + "; " + (names.isEmpty() ? "it has none yet" : "valid: " + String.join(", ", names)));
            }
            return dataSource;
        }
        if (names.isEmpty()) {
            throw new ConsoleException(ExitCodes.NO_PGJMX, "pgjmx runs in " + client.describe() + " but has found no "
                    + "PostgreSQL DataSource yet (a pool appears on its next getConnection)");
        }
        if (names.size() > 1) {
            throw new ConsoleException(ExitCodes.USAGE, client.describe() + " has " + names.size() + " DataSources: "
                    + String.join(", ", names) + "; pick one with --datasource NAME");
        }
        return names.get(0);
    }

    /** "DataSource NAME in TARGET", for headers and messages. */
    static String where(String dataSource, PgjmxClient client) {
        return "DataSource " + dataSource + " in " + client.describe();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
