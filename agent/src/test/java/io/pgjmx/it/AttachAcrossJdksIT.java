package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Jdks;
import io.pgjmx.testing.Prerequisite;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * The attach command on one JDK, the application on another (17 and 25 on the build machine): the attach
 * protocol and the agent's class files work across them. Skipped when the machine has one JDK only (on CI:
 * failed, for CI's machines have Temurin's next to Debian's).
 */
class AttachAcrossJdksIT {

    @Test
    void otherJdkApplicationAttachedFromThisJdk() throws Exception {
        Path other = otherJdk();
        attachAndCheck(other, Jdks.current(), "xjdk_a");
    }

    @Test
    void thisJdkApplicationAttachedFromTheOtherJdk() throws Exception {
        Path other = otherJdk();
        attachAndCheck(Jdks.current(), other, "xjdk_b");
    }

    private static void attachAndCheck(Path appJava, Path commandJava, String role) throws Exception {
        Db.pg().createRole(role, Db.APP_PASSWORD);
        try (AgentJvm app = AgentJvm.builder().java(appJava).agent(null).jvmArgs("-Dcom.zaxxer.hikari.housekeeping.periodMs=2000").start()) {
            app.send("hikari " + role + " 2 " + Db.url() + " " + role + " " + Db.APP_PASSWORD);

            AttachLauncher.Result r = AttachLauncher.run(commandJava, java.util.List.of(), "attach",
                    String.valueOf(app.pid()), "jolokia=false");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("attached to JVM " + app.pid())
                    .contains("Java " + Jdks.majorOf(appJava));
            Mbeans ds = new Mbeans(app.jmx(), app.awaitDataSource(role));
            CompositeData[] own = ds.listSessions("own=true");
            assertThat(Arrays.stream(own).map(c -> (String) c.get("user"))).hasSize(2).containsOnly(role);
            if (Jdks.majorOf(appJava) >= 21) {
                // JEP 451: the JVM says so on its standard error; the README explains it
                assertThat(app.stderr()).contains("A Java agent has been loaded dynamically");
            }
        }
    }

    private static Path otherJdk() {
        Optional<Path> other = Jdks.other();
        Prerequisite.require(other.isPresent(), "a second JDK of another major version (17+) under /usr/lib/jvm, "
                + "or PGJMX_TEST_OTHER_JDK set to its JAVA_HOME");
        return other.get();
    }
}
