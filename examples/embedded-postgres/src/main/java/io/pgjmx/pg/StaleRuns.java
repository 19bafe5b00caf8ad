package io.pgjmx.pg;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Run directories whose JVM died without its shutdown hook (kill -9): each run directory holds its owner's pid
 * and start time; a directory whose owner is gone is deleted, and its postmaster, if it outlived the JVM, stopped.
 */
final class StaleRuns {

  static final String OWNER_FILE = "owner.pid";
  private static final System.Logger LOG = System.getLogger(StaleRuns.class.getName());

  private StaleRuns() {
  }

  static String ownerToken() {
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
  static void cleanStaleInstances(Path runRoot) {
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
            PgInstallation.deleteRecursively(dir);
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
      EmbeddedPostgres.signal(pid, "QUIT");
      try {
        h.get().onExit().get(EmbeddedPostgres.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        h.get().destroyForcibly();
      }
    }
  }
}
