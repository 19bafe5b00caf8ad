package io.pgjmx.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

  @Test
  void startsARealServerAndCleansUpOnClose() throws Exception {
    EmbeddedPostgres pg = EmbeddedPostgres.start();
    try {
      assertThat(pg.host()).isEqualTo("127.0.0.1");
      assertThat(pg.jdbcUrl("postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres");
      assertThat(pg.serverVersion()).startsWith("18");
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superUser(), "");
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select 1, current_setting('max_connections'), current_setting('fsync')")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.getString(2)).isEqualTo("200");
        assertThat(rs.getString(3)).isEqualTo("off");
      }
    } finally {
      pg.close();
    }
    assertThat(Files.exists(pg.baseDir())).isFalse();
    // the postmaster and its children are gone once close() returns
    assertThat(ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(pg.baseDir().toString())))
        .isEmpty();
  }
}
