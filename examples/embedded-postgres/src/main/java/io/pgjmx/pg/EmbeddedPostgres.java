package io.pgjmx.pg;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PostgreSQL server (Zonky binaries from the classpath, or from a binaries jar of another
 * version, see {@link PgBinaries}) for tests and demos.
 *
 * <p>This class is the server process: initdb, start, readiness, stop. The binaries are extracted once by
 * {@link PgInstallation}; {@link RunAs} runs them as another user when needed; {@link StaleRuns} cleans up
 * after JVMs killed without their shutdown hook. Each server gets a fresh data directory; {@link #close()} (or the JVM shutdown hook) stops it and deletes the data. It allows 200
 * connections ({@code -Dpgjmx.postgres.maxConnections=N} for more, as the bulk-terminate benchmark needs).
 *
 * <p>PostgreSQL refuses to run as root, so as root the server runs as {@code nobody}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String SUPERUSER = "postgres";

  private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<PosixFilePermission> DATA_MODE = PosixFilePermissions.fromString("rwx------");

  /*
   * PR_SET_PDEATHSIG (setpriv --pdeathsig) fires when the *thread* that spawned the child exits,
   * not the process. Spawning from one thread that lives as long as the JVM makes it mean
   * "the JVM died" -- so even a kill -9 of the JVM takes the postmaster down.
   */
  private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "pgjmx-postgres-spawner");
    t.setDaemon(true);
    return t;
  });

  private final Path baseDir;
  private final Path dataDir;
  private final Path logFile;
  private final boolean deleteBaseDir;
  private final Process postmaster;
  private final int port;
  private final String serverVersion;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgres(Path baseDir, Path dataDir, Path logFile, boolean deleteBaseDir,
                           Process postmaster, int port, String serverVersion) {
    this.baseDir = baseDir;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.deleteBaseDir = deleteBaseDir;
    this.postmaster = postmaster;
    this.port = port;
    this.serverVersion = serverVersion;
    this.shutdownHook = new Thread(this::stopQuietly, "pgjmx-postgres-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a server from the classpath binaries on a free port in a fresh temporary directory. */
  public static EmbeddedPostgres start() throws IOException {
    return start(PgBinaries.classpath());
  }

  /** Starts a server from the given binaries on a free port in a fresh temporary directory. */
  public static EmbeddedPostgres start(PgBinaries binaries) throws IOException {
    Path runRoot = PgInstallation.createDir(PgInstallation.cacheRoot().resolve("run"));
    StaleRuns.cleanStaleInstances(runRoot);
    Path baseDir = Files.createTempDirectory(runRoot, "pg-");
    Files.writeString(baseDir.resolve(StaleRuns.OWNER_FILE), StaleRuns.ownerToken());
    try {
      return start(binaries, baseDir, 0, true);
    } catch (IOException | RuntimeException e) {
      PgInstallation.deleteRecursively(baseDir);
      throw e;
    }
  }

  /**
   * Starts a server from the classpath binaries with its data directory in {@code baseDir/data}
   * (recreated) and its log in {@code baseDir/postgres.log}. {@code port} 0 picks a free port.
   */
  public static EmbeddedPostgres start(Path baseDir, int port) throws IOException {
    return start(baseDir, port, Map.of());
  }

  /** As {@link #start(Path, int)}, with server settings ({@code -c name=value}) added or overriding ours. */
  public static EmbeddedPostgres start(Path baseDir, int port, Map<String, String> settings) throws IOException {
    return start(PgBinaries.classpath(), baseDir.toAbsolutePath(), port, false, settings);
  }

  private static EmbeddedPostgres start(PgBinaries binaries, Path baseDir, int requestedPort,
                                        boolean deleteBaseDir) throws IOException {
    return start(binaries, baseDir, requestedPort, deleteBaseDir, Map.of());
  }

  private static EmbeddedPostgres start(PgBinaries binaries, Path baseDir, int requestedPort,
                                        boolean deleteBaseDir, Map<String, String> extraSettings) throws IOException {
    Path pgHome = PgInstallation.binaries(binaries);
    RunAs runAs = RunAs.detect();
    PgInstallation.createDir(baseDir);
    Files.setPosixFilePermissions(baseDir, PgInstallation.DIR_MODE);
    runAs.checkTraversable(baseDir);

    Path dataDir = baseDir.resolve("data");
    Path logFile = baseDir.resolve("postgres.log");
    PgInstallation.deleteRecursively(dataDir);
    Files.createDirectory(dataDir);
    Files.setPosixFilePermissions(dataDir, DATA_MODE);
    runAs.chown(dataDir);

    long t0 = System.nanoTime();
    int rc = runAndWait(runAs.command(false, pgHome.resolve("bin/initdb").toString(),
        "-D", dataDir.toString(), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
        // every flag here exists since PostgreSQL 10 (--no-instructions, 14+, would only trim the log)
        "--no-sync"), baseDir, logFile, INITDB_TIMEOUT);
    if (rc != 0) {
      throw new IOException("initdb failed with exit code " + rc + logTail(logFile));
    }
    LOG.log(System.Logger.Level.DEBUG, "initdb took {0} ms", (System.nanoTime() - t0) / 1_000_000);

    // A port picked here can be taken by someone else before postgres binds it: retry then.
    for (int attempt = 1; ; attempt++) {
      int port = requestedPort != 0 ? requestedPort : freePort();
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("listen_addresses", HOST);
      settings.put("port", String.valueOf(port));
      settings.put("unix_socket_directories", "");
      settings.put("max_connections", String.valueOf(Integer.getInteger("pgjmx.postgres.maxConnections", 200)));
      settings.put("fsync", "off");
      settings.put("synchronous_commit", "off");
      settings.put("full_page_writes", "off");
      settings.putAll(extraSettings);
      List<String> command = new ArrayList<>(List.of(pgHome.resolve("bin/postgres").toString(), "-D", dataDir.toString()));
      settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
      Process process = spawn(runAs.command(true, command.toArray(new String[0])), baseDir, logFile);
      try {
        String version = awaitReady(process, port, logFile);
        return new EmbeddedPostgres(baseDir, dataDir, logFile, deleteBaseDir, process, port, version);
      } catch (IOException | RuntimeException e) {
        stopProcess(process);
        boolean portTaken = logTail(logFile).contains("could not bind");
        if (requestedPort != 0 || attempt >= 3 || !portTaken) {
          throw e;
        }
      }
    }
  }

  public int port() {
    return port;
  }

  public String host() {
    return HOST;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  public String superUser() {
    return SUPERUSER;
  }

  public String serverVersion() {
    return serverVersion;
  }

  /** Directory with the data directory and {@code postgres.log}. */
  public Path baseDir() {
    return baseDir;
  }

  public Path logFile() {
    return logFile;
  }

  /** Stops the server immediately (no checkpoint: the data is thrown away) and deletes its data. */
  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      // called from a shutdown hook: nothing to unregister
    }
  }

  private void stopQuietly() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopProcess(postmaster);
    try {
      PgInstallation.deleteRecursively(deleteBaseDir ? baseDir : dataDir);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete " + dataDir, e);
    }
  }

  /** Starts a server and keeps it running until the JVM is killed. Optional argument: port. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    EmbeddedPostgres pg = port == 0 ? start() : start(PgInstallation.createDir(PgInstallation.cacheRoot().resolve("main-" + port)), port);
    System.out.println(pg.jdbcUrl("postgres") + " user=" + pg.superUser());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  // ---------------------------------------------------------------- server process

  private static String awaitReady(Process process, int port, Path logFile) throws IOException {
    String url = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
    Properties props = new Properties();
    props.setProperty("user", SUPERUSER);
    props.setProperty("connectTimeout", "5");
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("postgres exited with code " + process.exitValue() + " during startup"
            + logTail(logFile));
      }
      try (Connection c = DriverManager.getConnection(url, props);
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SHOW server_version")) {
        rs.next();
        return rs.getString(1);
      } catch (SQLException e) {
        last = e; // not listening yet, or "the database system is starting up"
      }
      sleep(50);
    }
    throw new IOException("postgres did not accept connections on " + url + " within "
        + STARTUP_TIMEOUT.toSeconds() + " s (last error: " + (last == null ? "-" : last.getMessage()) + ")"
        + logTail(logFile));
  }

  private static void stopProcess(Process process) {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    // SIGQUIT = immediate shutdown. SIGTERM (Process.destroy) would wait for clients to disconnect.
    // With runuser/su our child is a wrapper that does not forward SIGQUIT: signal the postmaster.
    long postmasterPid = isPostgres(process.toHandle()) ? process.pid()
        : process.children().filter(EmbeddedPostgres::isPostgres)
            .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    signal(postmasterPid, "QUIT");
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  static boolean isPostgres(ProcessHandle h) {
    return h.info().command().map(cmd -> cmd.endsWith("/postgres")).orElse(false);
  }

  static void signal(long pid, String signal) {
    try {
      new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Process spawn(List<String> command, Path workDir, Path logFile) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = pb.environment();
    // PGDATA, PGPORT, PGOPTIONS ... of the caller must not leak into our server.
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("LC_ALL", "C");
    Future<Process> f = SPAWNER.submit(pb::start);
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting " + command.get(0), e);
    }
  }

  private static int runAndWait(List<String> command, Path workDir, Path logFile, Duration timeout)
      throws IOException {
    Process p = spawn(command, workDir, logFile);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(command.get(0) + " timed out" + logTail(logFile));
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }

  static String logTail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return "\n--- last lines of " + logFile + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return " (no log: " + e.getMessage() + ")";
    }
  }


  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
