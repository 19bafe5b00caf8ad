package io.pgjmx.bench;

import io.pgjmx.pg.TestPostgres;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code java -jar examples/benchmarks/target/pgjmx-benchmarks.jar [AGENT_JAR]}: runs the getConnection
 * benchmark in forked JVMs without and with the agent, against a real PostgreSQL (embedded unless
 * PGJMX_TEST_JDBC_URL is set), and prints both figures and their difference.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = BenchSetup.agentJar(args.length > 0 ? args[0] : "agent/target/pgjmx-agent.jar", "pass its path");
        TestPostgres pg = TestPostgres.get();
        System.out.println("PostgreSQL: " + pg.description());
        String[] db = {"-Dbench.url=" + pg.jdbcUrl(), "-Dbench.user=" + pg.superUser(),
            "-Dbench.password=" + pg.superPassword(), "-Xmx512m"};
        RunResult without = run(db, null);
        RunResult with = run(db, "-javaagent:" + agent + "=jolokia=false");
        double a = without.getPrimaryResult().getScore();
        double b = with.getPrimaryResult().getScore();
        System.out.println();
        System.out.println("HikariCP getConnection()+close(), warm pool, 1 thread (" + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores):");
        System.out.printf(Locale.ROOT, "  without agent: %8.1f ns/op  (+- %.1f)%n", a, without.getPrimaryResult().getScoreError());
        System.out.printf(Locale.ROOT, "  with pgjmx:    %8.1f ns/op  (+- %.1f)%n", b, with.getPrimaryResult().getScoreError());
        System.out.printf(Locale.ROOT, "  difference:    %8.1f ns/op%n", b - a);
    }

    private static RunResult run(String[] jvmArgs, String agentArg) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(GetConnectionBenchmark.class.getName())
                .forks(2)
                .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .threads(1)
                .jvmArgsAppend(agentArg == null ? jvmArgs : append(jvmArgs, agentArg));
        Collection<RunResult> results = new Runner(options.build()).run();
        return results.iterator().next();
    }

    private static String[] append(String[] args, String extra) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }
}
