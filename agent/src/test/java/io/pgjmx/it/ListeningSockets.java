package io.pgjmx.it;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, as {@code address:port}, from Linux's {@code /proc}: the LISTEN rows
 * of {@code /proc/PID/net/tcp} and {@code tcp6} (the whole network namespace's) whose socket inode is one of
 * the process's own file descriptors.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static Set<String> of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Map<String, String> listeningByInode = new HashMap<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            Path file = proc.resolve("net").resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (f.length > 9 && LISTEN.equals(f[3])) {
                    listeningByInode.put(f[9], address(f[1]));
                }
            }
        }
        Set<String> own = new TreeSet<>();
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (target.startsWith("socket:[")) {
                    String address = listeningByInode.get(target.substring(8, target.length() - 1));
                    if (address != null) {
                        own.add(address);
                    }
                }
            }
        }
        return own;
    }

    /** {@code 0100007F:1F90} (IPv4) or 32 hex digits (IPv6), each 32-bit word in host order (little-endian). */
    private static String address(String hexAddressAndPort) throws IOException {
        String[] parts = hexAddressAndPort.split(":");
        String hex = parts[0];
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = (word * 4 + 3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes).getHostAddress() + ":" + Integer.parseInt(parts[1], 16);
    }
}
