package io.pgjmx.agent.incident;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes snapshot files that only the JVM's user can read: a snapshot holds queries (with their literals), user
 * names and stacks. The directory is created {@code rwx------} and each file {@code rw-------} from the start
 * (never widened, then narrowed). A directory that already exists must belong to the JVM's user, for in a
 * shared directory such as {@code /tmp} another user could have made it first to read or replace what we
 * write; the default directory is narrowed to {@code rwx------} if need be, one given by the operator keeps
 * the permissions it has. A file is only ever created new, so a link planted under its name is never followed.
 */
final class SnapshotFiles {

    private static final int MAX_NAME = 80;

    /**
     * Made at the first snapshot, not when the agent starts: the formatter and the permission sets load some
     * forty classes of java.time and java.nio.file that a process without an incident never needs.
     */
    private static final class Formats {
        private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
        private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
        private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                .withZone(ZoneOffset.UTC);
    }

    private final Path dir;
    private final boolean narrowExisting;
    private final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** {@code narrowExisting}: whether a directory found already there is made owner-only (the default one). */
    SnapshotFiles(Path dir, boolean narrowExisting) {
        this.dir = dir;
        this.narrowExisting = narrowExisting;
    }

    Path dir() {
        return dir;
    }

    /** Writes one snapshot of {@code dataSource} taken at {@code at}; returns the file. */
    Path write(String dataSource, Instant at, String json) throws IOException {
        prepareDir();
        String base = "pgjmx-incident-" + fileName(dataSource) + "-" + Formats.STAMP.format(at);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (int n = 1; ; n++) {
            Path file = dir.resolve(base + (n == 1 ? "" : "-" + n) + ".json");
            try {
                create(file, bytes);
                return file;
            } catch (FileAlreadyExistsException e) {
                if (n >= 100) {
                    throw e;
                }
            }
        }
    }

    private void prepareDir() throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (posix) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(Formats.DIR));
                } else {
                    Files.createDirectory(dir);
                }
                return;
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by someone else: checked below like any directory found there
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory (or is a symbolic link); give snapshotDir=DIRECTORY");
        }
        if (!posix) {
            return;
        }
        UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        String me = System.getProperty("user.name");
        if (!owner.getName().equals(me)) {
            throw new IOException(dir + " belongs to " + owner.getName() + ", not to " + me + " who runs this JVM; "
                    + "pgjmx writes snapshots only into a directory of its own user: give snapshotDir=DIRECTORY");
        }
        if (narrowExisting && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(Formats.DIR)) {
            Files.setPosixFilePermissions(dir, Formats.DIR);
        }
    }

    private void create(Path file, byte[] bytes) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(Formats.FILE)} : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** The DataSource's name as a file name: letters, digits, dot, dash and underscore only, not too long. */
    static String fileName(String dataSource) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dataSource.length() && b.length() < MAX_NAME; i++) {
            char c = dataSource.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') || (c == '.' && i > 0) ? c : '_');
        }
        return b.length() == 0 ? "_" : b.toString();
    }
}
