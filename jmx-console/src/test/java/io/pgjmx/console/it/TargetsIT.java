package io.pgjmx.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that takes a TARGET, against every kind of TARGET: a local PID, host:port and a service:jmx:
 * URL of a remote JMX port, and the Jolokia URL with basic auth given as options or in the environment (without
 * credentials the Jolokia endpoint is read-only). The sessions acted on are real sessions of other clients on a real PostgreSQL.
 */
class TargetsIT {

    private static final AtomicInteger VICTIMS = new AtomicInteger();
    private static AgentJvm open;
    private static AgentJvm secured;
    private static int jmxPort;

    @BeforeAll
    static void start() throws Exception {
        AppRole.create();
        jmxPort = AgentJvm.freePort();
        open = AgentJvm.builder().agent("port=0").remoteJmx(jmxPort).start();
        AppRole.pool(open, "orders");
        secured = AgentJvm.start("port=0,user=ops,password=s3cret");
        AppRole.pool(secured, "billing");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AgentJvm app : new AgentJvm[] {open, secured}) {
            if (app != null) {
                app.close();
            }
        }
    }

    /** How a test reaches one JVM: the console's leading arguments and environment, and the JVM itself. */
    record Way(String name, AgentJvm app, String dataSource, List<String> args, Map<String, String> env) {
        String[] with(String command, String... more) {
            List<String> all = new ArrayList<>();
            all.add(command);
            all.addAll(args);
            all.addAll(List.of(more));
            return all.toArray(String[]::new);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> ways() throws Exception {
        String securedUrl = secured.jolokiaUrl();
        return Stream.of(
                new Way("local PID", open, "orders", List.of(String.valueOf(open.pid())), Map.of()),
                new Way("JMX host:port", open, "orders", List.of("127.0.0.1:" + jmxPort), Map.of()),
                new Way("service:jmx: URL", open, "orders",
                        List.of("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"), Map.of()),
                new Way("Jolokia URL, --user/--password", secured, "billing",
                        List.of(securedUrl, "--user", "ops", "--password", "s3cret"), Map.of()),
                new Way("Jolokia URL, PGJMX_USER/PGJMX_PASSWORD", secured, "billing", List.of(securedUrl),
                        Map.of("PGJMX_USER", "ops", "PGJMX_PASSWORD", "s3cret")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void everyCommandWorks(Way way) throws Exception {
        String application = "victim-" + VICTIMS.incrementAndGet();
        Connection victim = AppRole.victim(application);
        try {
            int pid = Db.pid(victim);

            Console.Result datasources = Console.run(way.env(), way.with("datasources"));
            assertThat(datasources.exit()).as(datasources.toString()).isZero();
            assertThat(datasources.out()).contains("pgjmx ").contains(way.dataSource()).contains("PostgreSQL ")
                    .contains("user       " + AppRole.NAME);

            Console.Result sessions = Console.run(way.env(), way.with("sessions"));
            assertThat(sessions.exit()).as(sessions.toString()).isZero();
            assertThat(sessions.out()).containsPattern("(?m)^" + pid + " +idle .* no +" + AppRole.NAME + " ")
                    .contains("DataSource " + way.dataSource());

            assertJsonIsTheMBeansAnswer(way, "application=" + application, pid);

            Console.Result top = Console.run(way.env(), way.with("top", "--iterations", "2", "--interval", "0.2"));
            assertThat(top.exit()).as(top.toString()).isZero();
            assertThat(top.out().split("pgjmx top - ", -1)).as("two snapshots").hasSize(3);
            assertThat(top.out()).containsPattern("(?m)^" + pid + " ");

            Console.Result cancel = Console.run(way.env(), way.with("cancel", "--pid", String.valueOf(pid)));
            assertThat(cancel.exit()).as(cancel.toString()).isZero();
            assertThat(cancel.out()).contains("cancelled " + pid);
            assertThat(Db.alive(pid)).as("cancel keeps the session").isTrue();

            Console.Result terminate = Console.run(way.env(), way.with("terminate", "application=" + application,
                    "--yes"));
            assertThat(terminate.exit()).as(terminate.toString()).isZero();
            assertThat(terminate.out()).containsPattern("(?m)^" + pid + " ").contains("terminated " + pid)
                    .contains("1 of 1 session terminated.");
            assertThat(Db.alive(pid)).isFalse();
        } finally {
            Db.closeQuietly(victim);
        }
    }

    /** {@code --json} prints the MBean's own answer: the same sessions, field for field. */
    private static void assertJsonIsTheMBeansAnswer(Way way, String filter, int pid) throws Exception {
        Console.Result json = Console.run(way.env(), way.with("sessions", "--json", filter));
        assertThat(json.exit()).as(json.toString()).isZero();
        List<?> rows = new JSONParser().parse(json.out(), List.class);
        CompositeData[] mbean = (CompositeData[]) way.app().jmx().invoke(
                new ObjectName("pgjmx:type=DataSource,name=" + way.dataSource()), "listSessions",
                new Object[] {filter}, new String[] {"java.lang.String"});
        assertThat(rows).hasSize(1).hasSameSizeAs(mbean);
        Map<?, ?> row = (Map<?, ?>) rows.get(0);
        CompositeData expected = mbean[0];
        List<String> keys = new ArrayList<>();
        Matcher key = Pattern.compile("\"(\\w+)\":").matcher(json.out().substring(0, json.out().indexOf('}')));
        while (key.find()) {
            keys.add(key.group(1));
        }
        assertThat(keys).as("the contract's fields, in its order").containsExactly(
                "pid", "leaderPid", "database", "user", "applicationName", "clientAddress", "clientPort",
                "backendType", "state", "waitEventType", "waitEvent", "query", "backendStart", "transactionStart",
                "queryStart", "stateChange", "transactionSeconds", "querySeconds", "stateSeconds", "blockedBy", "own",
                "holderThread", "holderThreadId", "heldSeconds");
        assertThat(((Number) row.get("pid")).intValue()).isEqualTo(pid);
        for (String text : List.of("database", "user", "applicationName", "clientAddress", "backendType", "state",
                "waitEventType", "waitEvent", "query")) {
            assertThat(row.get(text)).as(text).isEqualTo(expected.get(text));
        }
        assertThat(((Number) row.get("clientPort")).intValue()).isEqualTo(expected.get("clientPort"));
        for (String date : List.of("backendStart", "queryStart", "stateChange")) {
            assertThat((String) row.get(date)).as(date)
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
            assertThat(OffsetDateTime.parse((String) row.get(date)).toInstant())
                    .isEqualTo(((Date) expected.get(date)).toInstant());
        }
        assertThat(row.get("transactionStart")).isNull();
        assertThat(expected.get("transactionStart")).isNull();
        assertThat(((Number) row.get("transactionSeconds")).longValue()).isEqualTo(-1).isEqualTo(expected.get("transactionSeconds"));
        assertThat(((Number) row.get("stateSeconds")).longValue()).as("read before the MBean's own answer")
                .isBetween(0L, (Long) expected.get("stateSeconds"));
        assertThat((List<?>) row.get("blockedBy")).isEmpty();
        assertThat((int[]) expected.get("blockedBy")).isEmpty();
        assertThat(row.get("own")).isEqualTo(false).isEqualTo(expected.get("own"));
        assertThat(Arrays.asList(row.get("leaderPid"), expected.get("leaderPid"))).containsOnlyNulls();
    }

    @Test
    void jolokiaWithoutAgentCredentialsReadsButDoesNotAct() throws Exception {
        Connection victim = AppRole.victim("victim-" + VICTIMS.incrementAndGet());
        try {
            int pid = Db.pid(victim);
            Console.Result sessions = Console.run("sessions", open.jolokiaUrl(), "pid=" + pid);
            assertThat(sessions.exit()).as(sessions.toString()).isZero();
            assertThat(sessions.out()).containsPattern("(?m)^" + pid + " ");
            for (String action : List.of("cancel", "terminate")) {
                Console.Result refused = Console.run(action, open.jolokiaUrl(), "--pid", String.valueOf(pid));
                assertThat(refused.exit()).as(refused.toString()).isEqualTo(5);
                assertThat(refused.out()).contains("not ").contains(String.valueOf(pid)).contains("user and password")
                        .contains("JMX");
            }
            assertThat(Db.alive(pid)).isTrue();
        } finally {
            Db.closeQuietly(victim);
        }
    }

    @Test
    void jolokiaWithoutCredentialsIsUnreachable() throws Exception {
        Console.Result r = Console.run("sessions", secured.jolokiaUrl());
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("HTTP 401").contains("--user").doesNotContain("Exception\n\tat ");
        Console.Result wrong = Console.run("sessions", secured.jolokiaUrl(), "--user", "ops", "--password", "nope");
        assertThat(wrong.exit()).isEqualTo(3);
        assertThat(wrong.err()).contains("refused the user and password given");
    }

    /** With two DataSources in one JVM the console refuses to guess, and --datasource picks exactly one. */
    @Test
    void severalDataSourcesNeedDatasourceAndItPicksTheRightOne() throws Exception {
        try (AgentJvm two = AgentJvm.start("jolokia=false")) {
            AppRole.pool(two, "alpha");
            AppRole.pool(two, "beta");
            String pid = String.valueOf(two.pid());
            Console.Result guess = Console.run("sessions", pid, "own=true");
            assertThat(guess.exit()).as(guess.toString()).isEqualTo(2);
            assertThat(guess.err()).contains("alpha, beta").contains("--datasource NAME");
            Console.Result terminate = Console.run("terminate", pid, "all", "--yes");
            assertThat(terminate.exit()).as("no action without a choice").isEqualTo(2);

            Console.Result alpha = Console.run("sessions", pid, "own=true", "--datasource", "alpha", "--columns", "pid,own");
            Console.Result beta = Console.run("sessions", pid, "own=true", "--datasource", "beta", "--columns", "pid,own");
            assertThat(alpha.exit()).as(alpha.toString()).isZero();
            assertThat(beta.exit()).as(beta.toString()).isZero();
            assertThat(alpha.out()).contains("DataSource alpha");
            assertThat(beta.out()).contains("DataSource beta");
            java.util.Set<String> alphaPids = ownPids(alpha.out());
            java.util.Set<String> betaPids = ownPids(beta.out());
            // each pool's own sessions, and never the other's (HikariCP fills a pool in the background)
            assertThat(alphaPids).as("alpha's own").isNotEmpty();
            assertThat(betaPids).as("beta's own").isNotEmpty().doesNotContainAnyElementsOf(alphaPids);
        }
    }

    private static java.util.Set<String> ownPids(String table) {
        java.util.Set<String> pids = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(\\d+) +yes$").matcher(table);
        while (m.find()) {
            pids.add(m.group(1));
        }
        return pids;
    }

    @Test
    void badInputGetsOneClearLineAndItsExitCode() throws Exception {
        String pid = String.valueOf(open.pid());
        Console.Result filter = Console.run("sessions", pid, "colour=blue");
        assertThat(filter.exit()).isEqualTo(2);
        assertThat(filter.err().strip()).isEqualTo("pgjmx-console: unknown filter key 'colour' in 'colour=blue'; valid keys: "
                + "pid, user, database, application, client, state, state_age, xact_age, query_age, own, blocked, "
                + "blocking, all");
        Console.Result dataSource = Console.run("sessions", pid, "--datasource", "nope");
        assertThat(dataSource.exit()).isEqualTo(2);
        assertThat(dataSource.err()).contains("no DataSource 'nope'").contains("valid: orders");
        Console.Result target = Console.run("sessions", "not-a-target");
        assertThat(target.exit()).isEqualTo(2);
        assertThat(target.err()).contains("'not-a-target' is not a TARGET").contains("host:port");
        Console.Result both = Console.run("terminate", pid, "--pid", "1", "all");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        Console.Result refusedPid = Console.run("terminate", pid, "--pid", "999999");
        assertThat(refusedPid.exit()).isEqualTo(5);
        assertThat(refusedPid.out()).contains("not terminated 999999: no session with pid 999999");
        Console.Result unreachable = Console.run("datasources", "127.0.0.1:" + AgentJvm.freePort());
        assertThat(unreachable.exit()).isEqualTo(3);
        assertThat(unreachable.err()).contains("cannot connect").doesNotContain("\tat ");
        Console.Result verbose = Console.run("datasources", "127.0.0.1:" + AgentJvm.freePort(), "-v");
        assertThat(verbose.err()).contains("\tat ");
    }

    /** Any database user writes query text: an ESC in it reaches no terminal, over JMX or Jolokia. */
    @Test
    void controlCharactersInAQueryAreShownVisiblyInEveryTable() throws Exception {
        Connection victim = AppRole.victim("victim-" + VICTIMS.incrementAndGet());
        try (Statement st = victim.createStatement()) {
            int pid = Db.pid(victim);
            st.execute("select 1 /* \u001b[2J\u001b]0;owned\u0007 */");
            for (String target : List.of(String.valueOf(open.pid()), open.jolokiaUrl())) {
                for (String[] command : List.of(new String[] {"sessions", target, "pid=" + pid},
                        new String[] {"sessions", target, "--wide", "pid=" + pid},
                        new String[] {"top", target, "--iterations", "1"})) {
                    Console.Result r = Console.run(Map.of("COLUMNS", "300"), command);
                    assertThat(r.exit()).as(r.toString()).isZero();
                    assertThat(r.out()).as(String.join(" ", command))
                            .contains("select 1 /* \\x1b[2J\\x1b]0;owned\\x07 */");
                    assertThat(r.out().chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f).count())
                            .as("no raw control character in: " + String.join(" ", command)).isZero();
                }
            }
        } finally {
            Db.closeQuietly(victim);
        }
    }
}
