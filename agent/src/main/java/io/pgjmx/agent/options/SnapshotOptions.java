package io.pgjmx.agent.options;

import io.pgjmx.api.OptionKeys;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of the automatic incident snapshot, {@code snapshotDir} and {@code snapshotInterval}: their
 * defaults and their checks, kept beside {@link AgentOptions} so that it only names them.
 */
final class SnapshotOptions {

    static final String DEFAULT_INTERVAL = "60s";
    /** Longer than this is as good as off, and more likely a typo (60d for 60s). */
    private static final long MAX_INTERVAL_MILLIS = 7L * 86_400_000;

    private SnapshotOptions() {
    }

    /** The directory given, made absolute; by default {@code pgjmx} under {@code java.io.tmpdir}. */
    static Path dir(String value) {
        Path dir = value == null ? Path.of(System.getProperty("java.io.tmpdir"), "pgjmx") : Path.of(value);
        return dir.toAbsolutePath().normalize();
    }

    static void validate(Map<String, String> v, Map<String, String> sources, List<String> problems) {
        if (v.containsKey(OptionKeys.SNAPSHOT_INTERVAL)) {
            String value = v.get(OptionKeys.SNAPSHOT_INTERVAL).trim().toLowerCase(Locale.ROOT);
            long millis = AgentOptions.millis(value);
            if (millis != 0 && (millis < 1000 || millis > MAX_INTERVAL_MILLIS)) {
                problems.add("option snapshotInterval (" + sources.get(OptionKeys.SNAPSHOT_INTERVAL) + ") is not valid; give 0 "
                        + "to turn automatic incident snapshots off, or a duration from 1s to 7d: a whole number with "
                        + "an optional unit s, m, h or d, e.g. 60s, 5m, 1h");
            } else {
                v.put(OptionKeys.SNAPSHOT_INTERVAL, value);
            }
        }
        if (v.containsKey(OptionKeys.SNAPSHOT_DIR)) {
            String value = v.get(OptionKeys.SNAPSHOT_DIR).trim();
            String problem = null;
            if (value.isEmpty()) {
                problem = "is empty";
            } else {
                try {
                    Path dir = dir(value);
                    if (Files.exists(dir) && !Files.isDirectory(dir)) {
                        problem = "names a file, not a directory";
                    }
                } catch (InvalidPathException e) {
                    problem = "is not a valid path (" + e.getReason() + ")";
                }
            }
            if (problem != null) {
                problems.add("option snapshotDir (" + sources.get(OptionKeys.SNAPSHOT_DIR) + ") " + problem + "; give a "
                        + "directory the JVM's user may create or write, e.g. snapshotDir=/var/tmp/pgjmx (default: "
                        + dir(null) + ")");
            } else {
                v.put(OptionKeys.SNAPSHOT_DIR, value);
            }
        }
    }
}
