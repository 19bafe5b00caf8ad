package io.pgjmx.springdemo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** A little periodic work through the pool, so the application looks alive in pg_stat_activity. */
@Component
public class Heartbeat {

    private final JdbcTemplate jdbc;

    public Heartbeat(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${demo.heartbeat-ms:5000}")
    public void beat() {
        Integer sessions = jdbc.queryForObject(
                "select count(*) from pg_stat_activity where backend_type = 'client backend'", Integer.class);
        System.out.println("heartbeat: " + sessions + " client sessions on the server");
    }
}
