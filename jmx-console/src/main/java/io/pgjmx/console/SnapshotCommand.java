package io.pgjmx.console;

import io.pgjmx.console.client.PgjmxClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code snapshot TARGET [-o FILE]}: the incident snapshot, to keep for later or to hand over. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Take an incident snapshot now: one JSON document with the pool's own figures, every session "
                + "with the thread holding it and its stack, the lock tree and the threads waiting for a connection.",
            "The agent also writes one by itself when the pool fails to hand out a connection in time (see its "
                + "snapshotDir option)."})
final class SnapshotCommand extends DataSourceCommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write it to FILE (a new file, readable by you only) instead of standard output.")
    Path output;

    @Option(names = "--json", description = "The snapshot is JSON already; accepted like the other commands' --json.")
    boolean json;

    @Override
    Integer run(PgjmxClient client, String dataSource) throws IOException {
        String snapshot = client.incidentSnapshot(dataSource);
        if (output == null) {
            System.out.print(snapshot);
            return ExitCodes.OK;
        }
        write(output, snapshot);
        System.err.println("incident snapshot of " + TargetOptions.where(dataSource, client) + " written to "
                + output.toAbsolutePath());
        return ExitCodes.OK;
    }

    /** Owner-only like the agent's own snapshots: it holds queries, user names and stacks. */
    private static void write(Path file, String snapshot) throws IOException {
        try {
            if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ConsoleException(ExitCodes.USAGE, "-o " + file + ": the file exists already; give a new file name");
        } catch (IOException e) {
            throw new ConsoleException(ExitCodes.FAILURE, "-o " + file + ": cannot create it: " + e);
        }
        Files.writeString(file, snapshot, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
