package io.pgjmx.agent.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {

    private static final Instant AT = Instant.parse("2026-12-02T17:35:01.123Z");

    @Test
    void theDirectoryAndTheFileAreTheOwnersOnly(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("a/pgjmx");
        Path file = new SnapshotFiles(dir, false).write("HikariPool-1", AT, "{}\n");
        assertThat(file).isEqualTo(dir.resolve("pgjmx-incident-HikariPool-1-20261202T173501.123Z.json"));
        assertThat(Files.readString(file)).isEqualTo("{}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aSecondSnapshotOfTheSameMillisecondGetsItsOwnFile(@TempDir Path tmp) throws Exception {
        SnapshotFiles files = new SnapshotFiles(tmp, false);
        Path first = files.write("ds", AT, "1");
        Path second = files.write("ds", AT, "2");
        assertThat(second.getFileName().toString()).isEqualTo("pgjmx-incident-ds-20261202T173501.123Z-2.json");
        assertThat(Files.readString(first)).isEqualTo("1");
        assertThat(Files.readString(second)).isEqualTo("2");
    }

    @Test
    void anExistingDirectoryKeepsItsPermissionsUnlessItIsTheDefaultOne(@TempDir Path tmp) throws Exception {
        Path given = Files.createDirectory(tmp.resolve("given"));
        Files.setPosixFilePermissions(given, PosixFilePermissions.fromString("rwxr-xr-x"));
        new SnapshotFiles(given, false).write("ds", AT, "{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(given))).isEqualTo("rwxr-xr-x");

        Path defaulted = Files.createDirectory(tmp.resolve("pgjmx"));
        Files.setPosixFilePermissions(defaulted, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = new SnapshotFiles(defaulted, true).write("ds", AT, "{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(defaulted))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aLinkInPlaceOfTheDirectoryIsRefused(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThatThrownBy(() -> new SnapshotFiles(link, true).write("ds", AT, "{}"))
                .hasMessageContaining("is not a directory (or is a symbolic link)");
        try (var files = Files.list(real)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theDataSourceNameCannotLeaveTheDirectory() {
        assertThat(SnapshotFiles.fileName("../../etc/passwd")).isEqualTo("_._.._etc_passwd");
        assertThat(SnapshotFiles.fileName("HikariPool-1")).isEqualTo("HikariPool-1");
        assertThat(SnapshotFiles.fileName("Pool é/1")).isEqualTo("Pool___1");
        assertThat(SnapshotFiles.fileName("")).isEqualTo("_");
        assertThat(SnapshotFiles.fileName("x".repeat(200))).hasSize(80);
    }
}
