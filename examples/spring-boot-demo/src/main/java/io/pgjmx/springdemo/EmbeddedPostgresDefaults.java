package io.pgjmx.springdemo;

import io.pgjmx.pg.TestPostgres;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded PostgreSQL (or uses PGJMX_TEST_JDBC_URL's server, see {@link TestPostgres}) when no
 * {@code spring.datasource.url} is given anywhere, so the demo runs with nothing but a JDK. Its properties go
 * last, so any URL, user or password given on the command line or in the environment still wins.
 */
public class EmbeddedPostgresDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        TestPostgres pg = TestPostgres.get();
        System.out.println("no spring.datasource.url given: using " + pg.description());
        environment.getPropertySources().addLast(new MapPropertySource("pgjmx-embedded-postgres", Map.of(
                "spring.datasource.url", pg.jdbcUrl(),
                "spring.datasource.username", pg.superUser(),
                "spring.datasource.password", pg.superPassword())));
    }
}
