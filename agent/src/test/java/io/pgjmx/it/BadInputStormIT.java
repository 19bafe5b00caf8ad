package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A storm of bad input, as a tired operator or a broken script sends it: well over a hundred malformed
 * filters, pids and requests, each as terminate and cancel, over JMX and over HTTP with credentials. Every
 * one is answered with an error (or, for a well-formed filter that matches nothing, with nothing), and a
 * census of pg_stat_activity before and after shows that not one session was touched.
 */
class BadInputStormIT {

    private static final String DS = "pgjmx:type=DataSource,name=storm";

    /** Filters the parser must refuse: every one a clear IllegalArgumentException, before any SQL runs. */
    static List<String> badFilters() {
        List<String> bad = new ArrayList<>(List.of("", " ", "\t", ",", ",,", "colour=blue", "user", "=x", "user=",
                "state=sleeping", "state=IDLE IN TRANSACTION", "state_age=5x", "state_age=-5", "state_age=5.5m",
                "xact_age=", "query_age=1w", "query_age=1m30s", "own=maybe", "own=1", "blocked=yes", "blocking=",
                "pid=", "pid=abc", "pid=-1", "pid=0", "pid=1;DROP TABLE pgjmx_it", "pid=1,,2", "pid=1,x",
                "pid=99999999999999", "application='unbalanced", "user=x' OR '1'='1", "user='x' OR 1=1",
                "all=true", "ALL all all junk", "user=a user", "database='a'b'", "'quoted'", "state='idle in'tx'",
                "xact_age=1d1h", "\u0000", "user=\u0000", "state=\n", "a=b=c=d", "own=true=false"));
        for (String key : List.of("pid", "user", "database", "application", "client", "state", "state_age", "xact_age",
                "query_age", "own", "blocked", "blocking")) {
            bad.add(key + "=");
            bad.add(key.toUpperCase() + "=1 nonsense");
        }
        bad.add("x".repeat(10_000));
        bad.add("user=" + "'".repeat(501));
        return bad;
    }

    @Test
    void nothingIsTerminatedWhateverIsSent() throws Exception {
        Db.createLockTable();
        Db.pg().createRole("storm_app", Db.APP_PASSWORD, "pg_signal_backend");
        Db.pg().createRole("storm_other", "other-pw");
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=ops-pw");
                Connection other = Db.connect("storm_other", "other-pw", "storm bystander")) {
            app.send("hikari storm 3 " + Db.url() + " storm_app " + Db.APP_PASSWORD);
            int held = Integer.parseInt(app.send("lock storm 1"));
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource("storm"));
            Http http = new Http(HttpIT.jolokiaUrl(app), "ops", "ops-pw");
            ds.listSessions(""); // the monitoring connection is part of the census from here on
            TreeSet<Integer> before = Db.census();
            int tried = 0;

            for (String filter : badFilters()) {
                for (String op : List.of("terminateSessions", "cancelSessions")) {
                    String f = filter;
                    tried++;
                    assertThat(jmxError(() -> op.equals("terminateSessions") ? ds.terminateSessions(f) : ds.cancelSessions(f)))
                            .as("JMX %s(%s)", op, printable(f)).startsWith("IllegalArgumentException");
                    Http.Response r = http.post(Http.exec(DS, op, f));
                    tried++;
                    // Jolokia answers an operation's exception with 500; the type says it was the input
                    assertThat(r.status()).as("HTTP %s(%s): %s", op, printable(f), r.raw().body()).isIn(400, 500);
                    assertThat(r.json()).as("HTTP %s(%s): a JSON answer, got %d %s", op, printable(f), r.httpStatus(),
                            r.raw().body()).isNotNull();
                    assertThat(r.json().get("error_type")).as("HTTP %s(%s)", op, printable(f))
                            .isEqualTo("java.lang.IllegalArgumentException");
                    assertThat(r.error()).as("HTTP %s(%s)", op, printable(f)).isNotBlank();
                }
            }
            for (int pid : new int[] {-1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, 999_999}) {
                for (String op : List.of("terminateSession", "cancelSession")) {
                    tried += 2;
                    int p = pid;
                    assertThat(jmxError(() -> op.equals("terminateSession") ? ds.terminateSession(p) : ds.cancelSession(p)))
                            .as("JMX %s(%d)", op, pid).isNotBlank();
                    assertThat(http.post(Http.exec(DS, op, pid)).status()).as("HTTP %s(%d)", op, pid).isNotEqualTo(200);
                }
            }
            // malformed requests: wrong types, counts, names, JSON
            for (String body : List.of("{", "{\"type\":\"exec\"}", "null", "{\"type\":\"exec\",\"mbean\":\"" + DS
                    + "\",\"operation\":\"terminateSession\",\"arguments\":[\"abc\"]}", "{\"type\":\"exec\",\"mbean\":\""
                    + DS + "\",\"operation\":\"terminateSession\",\"arguments\":[1,2]}", "{\"type\":\"exec\",\"mbean\":\""
                    + DS + "\",\"operation\":\"terminateEverything\",\"arguments\":[]}", "{\"type\":\"exec\",\"mbean\":\""
                    + "pgjmx:type=DataSource,name=nope\",\"operation\":\"terminateSessions\",\"arguments\":[\"all\"]}",
                    "{\"type\":\"exec\",\"mbean\":\"" + DS + "\",\"operation\":\"terminateSessions\",\"arguments\":[null]}",
                    "{\"type\":\"exec\",\"mbean\":\"" + DS + "\",\"operation\":\"terminateSessions\",\"arguments\":[[\"all\"]]}")) {
                tried++;
                Http.Response r = http.post(body);
                assertThat(r.status()).as("HTTP body %s: %s", body, r.raw().body()).isNotEqualTo(200);
            }
            // well-formed filters that match nothing: an empty answer, nothing done
            for (String nothing : List.of("user='x'' OR ''1''=''1'", "application='pgjmx-it''; select "
                    + "pg_terminate_backend(pid) from pg_stat_activity; --'", "pid=999999,999998", "user=nobody_at_all",
                    "application=pgjmx", "database=no_such_db state=active", "client=::1::")) {
                tried += 2;
                assertThat(ds.terminateSessions(nothing)).as("JMX terminateSessions(%s)", nothing).isEmpty();
                Http.Response r = http.post(Http.exec(DS, "terminateSessions", nothing));
                assertThat(r.status()).as("HTTP terminateSessions(%s): %s", nothing, r.raw().body()).isEqualTo(200);
                assertThat(Http.ints(r)).isEmpty();
            }

            System.out.printf("%d bad inputs over JMX and HTTP, none touched a session%n", tried);
            assertThat(tried).isGreaterThanOrEqualTo(100);
            assertThat(Db.census()).as("pg_stat_activity's client backends after the storm").isEqualTo(before);
            assertThat(Db.alive(held)).isTrue();
            assertThat(Db.alive(Db.pid(other))).isTrue();
            try (Connection su = Db.superuser(); var rs = su.createStatement().executeQuery("select count(*) from pgjmx_it")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the table the injection text names is intact").isEqualTo(20);
            }
            assertThat(app.stderr()).as("every refused call is audited on one line of its own")
                    .doesNotContain("DROP TABLE pgjmx_it\n");
        }
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }

    private static String jmxError(Call call) {
        try {
            Object result = call.run();
            return "no error: " + result;
        } catch (Exception e) {
            return Mbeans.messageOf(e);
        }
    }

    private static String printable(String s) {
        String p = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return p.replace("\u0000", "\\0").replace("\n", "\\n").replace("\t", "\\t");
    }
}
