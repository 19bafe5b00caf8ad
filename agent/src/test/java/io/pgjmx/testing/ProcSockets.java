package io.pgjmx.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A process's own TCP sockets, from Linux's {@code /proc}: the rows of {@code /proc/PID/net/tcp} and
 * {@code tcp6} (the whole network namespace's) whose socket inode is one of the process's file descriptors.
 */
public final class ProcSockets {

    private static final String ESTABLISHED = "01";
    private static final String LISTEN = "0A";

    /** One row: local address and port, TCP state (hex, as the kernel writes it). */
    private record Row(String address, int port, String state) {
    }

    private ProcSockets() {
    }

    public static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/net"));
    }

    /** What the process listens on, as {@code address:port}. */
    public static Set<String> listening(long pid) throws IOException {
        Set<String> found = new TreeSet<>();
        for (Row row : own(pid)) {
            if (LISTEN.equals(row.state())) {
                found.add(row.address() + ":" + row.port());
            }
        }
        return found;
    }

    /** The local ports of the process's established connections: a server sees them as the client's port. */
    public static Set<Integer> connectedLocalPorts(long pid) throws IOException {
        Set<Integer> found = new TreeSet<>();
        for (Row row : own(pid)) {
            if (ESTABLISHED.equals(row.state())) {
                found.add(row.port());
            }
        }
        return found;
    }

    private static List<Row> own(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            Path file = proc.resolve("net").resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (f.length > 9 && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    rows.add(new Row(address(local[0]), Integer.parseInt(local[1], 16), f[3]));
                }
            }
        }
        return rows;
    }

    /** {@code 0100007F} (IPv4) or 32 hex digits (IPv6), each 32-bit word in host order (little-endian). */
    private static String address(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = (word * 4 + 3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes).getHostAddress();
    }
}
