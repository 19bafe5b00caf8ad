package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import org.junit.jupiter.api.Test;

/**
 * An application that carries its own, different SLF4J (1.7 with slf4j-simple) and Byte Buddy runs
 * unchanged with the agent, which carries relocated copies of its own.
 */
class IsolationIT {

    @Test
    void applicationKeepsItsOwnSlf4jAndByteBuddy() throws Exception {
        try (AgentJvm app = AgentJvm.start("jolokia=false")) {
            String libs = app.send("libs");
            assertThat(libs).contains("slf4j=org.slf4j.impl.SimpleLoggerFactory")
                    .contains("bytebuddy=byte-buddy-1.14.18.jar")
                    .contains("generated=io.pgjmx.testapp.Generated");
            // HikariCP logs through the application's SLF4J binding, which writes "INFO com.zaxxer..." itself
            app.send("hikari iso 1 " + Db.url() + " " + Db.pg().superUser() + " " + Db.pg().superPassword());
            app.awaitDataSource("iso");
            assertThat(app.stderr()).contains("INFO io.pgjmx.testapp.TestApp - application logging works")
                    .contains("INFO com.zaxxer.hikari.HikariDataSource - iso - Start completed.")
                    .contains("[pgjmx] INFO DataSourceRegistry - found PostgreSQL DataSource iso")
                    .doesNotContain("SLF4J: Class path contains multiple SLF4J bindings")
                    .doesNotContain("SLF4J(W)");
        }
    }

    @Test
    void agentJarCarriesNoUnrelocatedThirdPartyClasses() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(AgentJvm.agentJar().toFile())) {
            assertThat(jar.stream().map(java.util.jar.JarEntry::getName)
                    .filter(n -> n.endsWith(".class") || n.startsWith("META-INF/services/"))
                    .filter(n -> !n.startsWith("io/pgjmx/") && !n.startsWith("META-INF/versions/")))
                    .isEmpty();
            // an application's own Jolokia reads META-INF/jolokia/*: the agent jar must hold none of it
            assertThat(jar.stream().map(java.util.jar.JarEntry::getName)).noneMatch(n -> n.startsWith("META-INF/jolokia/"));
            for (String file : java.util.List.of("services-default", "command-handlers", "simplifiers-default")) {
                var entry = jar.getJarEntry("META-INF/pgjmx-jolokia/" + file);
                assertThat(entry).as(file).isNotNull();
                String text = new String(jar.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .map(l -> l.split(",")[0]).forEach(cls -> assertThat(jar.getJarEntry(cls.replace('.', '/') + ".class"))
                                .as("class named in " + file + ": " + cls).isNotNull());
            }
            var manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Premain-Class")).isEqualTo("io.pgjmx.agent.PgjmxAgent");
            assertThat(manifest.getValue("Agent-Class")).isEqualTo("io.pgjmx.agent.PgjmxAgent");
            assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }
}
