package io.pgjmx.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What tests and demos set up on a server as its superuser: roles, databases, any statement. Each
 * (re)creation first clears what is in the way (sessions, owned objects), so a run starts clean whatever an
 * earlier one left. Names and literals are quoted by the server ({@code format('%I', ...)}), never spliced.
 */
final class PgAdmin {

  private final TestPostgres pg;

  PgAdmin(TestPostgres pg) {
    this.pg = pg;
  }

  /**
   * (Re)creates a LOGIN, NOSUPERUSER role. An existing role of that name loses its sessions and
   * everything it owns first, so each test starts from a clean role.
   *
   * @param password null for no password
   * @param grants roles to grant, e.g. {@code pg_signal_backend}
   */
  void createRole(String name, String password, String... grants) {
    try (Connection c = pg.connectSuperuser()) {
      if (exists(c, "select 1 from pg_roles where rolname = ?", name)) {
        terminateSessions(c, "usename = ?", name);
        // DROP OWNED only covers the current database; databases themselves it leaves alone.
        for (String db : strings(c, "select datname from pg_database where datdba = "
            + "(select oid from pg_roles where rolname = ?)", name)) {
          run(c, "ALTER DATABASE %I OWNER TO CURRENT_USER", db);
        }
        for (String db : strings(c, "select datname from pg_database where datallowconn "
            + "and not datistemplate", null)) {
          try (Connection dc = pg.connect(pg.jdbcUrl(db))) {
            run(dc, "DROP OWNED BY %I CASCADE", name);
          }
        }
        run(c, "DROP ROLE %I", name);
      }
      if (password == null) {
        run(c, "CREATE ROLE %I LOGIN NOSUPERUSER", name);
      } else {
        run(c, "CREATE ROLE %I LOGIN NOSUPERUSER PASSWORD %L", name, password);
      }
      for (String g : grants) {
        run(c, "GRANT %I TO %I", g, name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create role " + name + ": " + e.getMessage(), e);
    }
  }

  /** (Re)creates a database; {@code owner} null means the superuser. */
  void createDatabase(String name, String owner) {
    try (Connection c = pg.connectSuperuser()) {
      if (exists(c, "select 1 from pg_database where datname = ?", name)) {
        run(c, "ALTER DATABASE %I ALLOW_CONNECTIONS false", name);
        terminateSessions(c, "datname = ?", name);
        run(c, "DROP DATABASE %I", name);
      }
      if (owner == null) {
        run(c, "CREATE DATABASE %I", name);
      } else {
        run(c, "CREATE DATABASE %I OWNER %I", name, owner);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
    }
  }

  /** Runs SQL as the superuser in the default database. */
  void exec(String sql) {
    try (Connection c = pg.connectSuperuser(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Executes {@code format(template, args...)}: the server quotes identifiers (%I) and literals (%L). */
  private static void run(Connection c, String template, String... args) throws SQLException {
    StringBuilder q = new StringBuilder("select format(?");
    for (int i = 0; i < args.length; i++) {
      q.append(", ?");
    }
    String sql;
    try (PreparedStatement ps = c.prepareStatement(q.append(")").toString())) {
      ps.setString(1, template);
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 2, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        sql = rs.getString(1);
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static boolean exists(Connection c, String sql, String arg) throws SQLException {
    return !strings(c, sql, arg).isEmpty();
  }

  private static List<String> strings(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /** pg_terminate_backend only signals; wait until the sessions are really gone (up to 10 s). */
  private static void terminateSessions(Connection c, String where, String arg) throws SQLException {
    String filter = " from pg_stat_activity where " + where + " and pid <> pg_backend_pid()";
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<String> left = strings(c, "select pg_terminate_backend(pid)::text" + filter, arg);
      if (left.isEmpty() || System.nanoTime() > deadline) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
