package io.pgjmx.springdemo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A plain Spring Boot application: a JdbcTemplate on Boot's default HikariCP pool and a scheduled query. It
 * knows nothing of pgjmx; run its executable jar with {@code -javaagent:pgjmx-agent.jar} to try the agent on a
 * pool that lives in Boot's nested-jar class loader. Without {@code spring.datasource.url} it starts an
 * embedded PostgreSQL ({@link EmbeddedPostgresDefaults}).
 */
@SpringBootApplication
@EnableScheduling
public class SpringBootDemoApp {

    public static void main(String[] args) {
        SpringApplication.run(SpringBootDemoApp.class, args);
    }

    /** One line for people (and the IT): which JVM, and which class loader holds the pool. */
    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        long pid = ProcessHandle.current().pid();
        System.out.println("pool class loader: " + com.zaxxer.hikari.HikariDataSource.class.getClassLoader().getClass().getName());
        System.out.println("READY " + pid + ": look at it with `jconsole " + pid + "` (MBeans: pgjmx > DataSource > "
                + "spring-demo-pool), or over Jolokia HTTP at the URL the agent logged");
    }
}
