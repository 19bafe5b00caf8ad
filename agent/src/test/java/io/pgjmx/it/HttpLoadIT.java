package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 32 HTTP clients read the counts, list the sessions and scrape {@code /metrics} as fast as they can while
 * the application works its pool: every request is answered, nothing is left behind on the server, and the
 * application's own throughput beside them is printed. {@code -Dpgjmx.it.loadSeconds=N} sets how long each
 * phase runs (the {@code soak} profile: 60).
 */
class HttpLoadIT {

    private static final int SECONDS = Integer.getInteger("pgjmx.it.loadSeconds", 8);
    private static final int CLIENTS = 32;

    @Test
    void thirtyTwoClientsAreAllAnsweredWhileTheApplicationWorks() throws Exception {
        Db.pg().createRole("load_app", Db.APP_PASSWORD);
        try (AgentJvm app = AgentJvm.start("port=0,user=ops,password=ops-pw")) {
            app.send("hikari load 4 " + Db.url() + " load_app " + Db.APP_PASSWORD);
            app.awaitDataSource("load");
            String jolokia = HttpIT.jolokiaUrl(app);
            app.send("work load 4");

            double alone = throughput(app, SECONDS);
            AtomicInteger answered = new AtomicInteger();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            List<Future<?>> running = new ArrayList<>();
            String auth = "Basic " + Base64.getEncoder().encodeToString("ops:ops-pw".getBytes(StandardCharsets.UTF_8));
            List<String> urls = List.of(jolokia + "read/pgjmx:type=DataSource,name=load",
                    jolokia + "exec/pgjmx:type=DataSource,name=load/listSessions/own=true",
                    jolokia.replaceFirst("/jolokia/$", "/metrics"));
            for (int i = 0; i < CLIENTS; i++) {
                String url = urls.get(i % urls.size());
                running.add(clients.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header(
                                    "Authorization", auth).timeout(Duration.ofSeconds(30)).GET().build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
                                failures.add(url + " -> " + r.statusCode() + " " + r.body());
                            } else {
                                answered.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.add(url + " -> " + e);
                        }
                        latencies.add(System.nanoTime() - t0);
                    }
                    return null;
                }));
            }
            double loaded = throughput(app, SECONDS);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();

            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("HTTP load, %d clients for %d s: %d answered (%.0f/s), p50 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms; application alone %.0f loops/s, beside the clients %.0f loops/s (%.0f%%)%n",
                    CLIENTS, SECONDS, answered.get(), answered.get() / (double) SECONDS, ms(sorted, 0.50),
                    ms(sorted, 0.99), ms(sorted, 1.0), alone, loaded, 100 * loaded / alone);
            assertThat(failures).as("every request answered with its value").isEmpty();
            assertThat(answered.get()).isGreaterThan(CLIENTS);
            assertThat(loaded).as("the application keeps working beside the clients").isGreaterThan(0);
            assertThat(Db.pidsWhere("usename = 'load_app' AND application_name = 'pgjmx'"))
                    .as("one monitoring connection for all the clients").hasSize(1);
        }
    }

    private static double throughput(AgentJvm app, int seconds) throws Exception {
        long before = Long.parseLong(app.send("done"));
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long after = Long.parseLong(app.send("done"));
        return (after - before) / ((System.nanoTime() - t0) / 1e9);
    }

    private static double ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
