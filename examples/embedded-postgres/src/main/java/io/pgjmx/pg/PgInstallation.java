package io.pgjmx.pg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The extracted PostgreSQL installations (bin/, lib/, share/), one directory per archive under
 * {@code ${java.io.tmpdir}/pgjmx-postgres/} (or {@code -Dpgjmx.postgres.dir=...}), extracted once and shared by
 * every JVM of the machine: a file lock keeps two JVMs from extracting the same archive at once.
 */
final class PgInstallation {

  static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> EXEC_MODE = DIR_MODE;
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
  private static final System.Logger LOG = System.getLogger(PgInstallation.class.getName());

  private PgInstallation() {
  }

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

  static Path createDir(Path dir) throws IOException {
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
}
