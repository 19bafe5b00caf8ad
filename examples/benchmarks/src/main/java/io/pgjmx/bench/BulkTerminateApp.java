package io.pgjmx.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The application side of {@link BulkTerminateMain}: a HikariCP pool of 2 named {@code bulk-bench}, so the
 * agent has a DataSource to act through; ends on {@code exit} (or end of input) on stdin.
 */
public final class BulkTerminateApp {

    private BulkTerminateApp() {
    }

    public static void main(String[] args) throws Exception {
        try (HikariDataSource pool = BenchSetup.pool(args, "bulk-bench")) {
            pool.getConnection().close();
            System.out.println("READY " + ProcessHandle.current().pid());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
                // nothing to do but stay up
            }
        }
    }
}
