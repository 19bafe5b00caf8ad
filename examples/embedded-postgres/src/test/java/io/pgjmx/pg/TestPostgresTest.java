package io.pgjmx.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

  private final TestPostgres pg = TestPostgres.get();

  @Test
  void singletonAnswersSelectOne() throws Exception {
    assertThat(TestPostgres.get()).isSameAs(pg);
    try (Connection c = pg.connectSuperuser(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    assertThat(pg.serverVersionNum()).isGreaterThan(100000);
    if (pg.embedded() != null) {
      assertThat(pg.serverVersion()).startsWith("18");
      assertThat(pg.serverVersionNum() / 10000).isEqualTo(18);
      assertThat(pg.description()).startsWith("embedded PostgreSQL 18");
    }
  }

  @Test
  void createdRoleLogsInWithoutSuperuserRights() throws Exception {
    pg.createRole("pgjmx_test_app", "s3cr'et", "pg_signal_backend");
    pg.createDatabase("pgjmx_test_db", "pgjmx_test_app");
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("pgjmx_test_db"), "pgjmx_test_app", "s3cr'et")) {
      try (Statement s = c.createStatement()) {
        s.execute("create table t(x int)"); // owns something, so the next createRole must clean up
      }
      // (re)creating a role with a live session and owned objects must work
      pg.createRole("pgjmx_test_app", "other", "pg_signal_backend");
    }
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "pgjmx_test_app", "other");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select current_user, rolsuper, "
             + "pg_has_role(current_user, 'pg_signal_backend', 'member') "
             + "from pg_roles where rolname = current_user")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("pgjmx_test_app");
      assertThat(rs.getBoolean(2)).isFalse();
      assertThat(rs.getBoolean(3)).isTrue();
    }
    pg.exec("drop database pgjmx_test_db");
  }

  @Test
  void jdbcUrlSwitchesDatabase() {
    assertThat(pg.jdbcUrl("other")).endsWith("/other");
    assertThat(pg.jdbcUrl()).isEqualTo(pg.jdbcUrl(pg.jdbcUrl().substring(pg.jdbcUrl().lastIndexOf('/') + 1)));
  }
}
