package no.bindeledd.web.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every TCP socket a process listens on, as Linux tells it: the sockets among the process's open
 * files ({@code /proc/<pid>/fd}), looked up in the kernel's socket tables ({@code
 * /proc/<pid>/net/tcp} and {@code tcp6}). Nothing the process says about itself is trusted, so a
 * port opened by any part of it is found, whoever opened it.
 */
final class ListeningSockets {

  /** A listening socket: the local address and port. */
  record Listener(InetAddress address, int port) {
    boolean isLoopback() {
      return address.isLoopbackAddress();
    }

    @Override
    public String toString() {
      return address.getHostAddress() + ":" + port;
    }
  }

  private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** Whether this system has the files the look-up reads. */
  static boolean available(long pid) {
    return Files.isDirectory(Path.of("/proc", String.valueOf(pid), "fd"))
        && Files.isRegularFile(Path.of("/proc", String.valueOf(pid), "net", "tcp"));
  }

  static Set<Listener> of(long pid) throws IOException {
    Path proc = Path.of("/proc", String.valueOf(pid));
    Set<String> inodes = socketInodes(proc.resolve("fd"));
    Set<Listener> listeners = new LinkedHashSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = proc.resolve("net").resolve(table);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) {
        String[] columns = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
        if (columns.length > 9 && columns[3].equals(LISTEN) && inodes.contains(columns[9])) {
          listeners.add(listener(columns[1]));
        }
      }
    }
    return listeners;
  }

  private static Set<String> socketInodes(Path fds) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> files = Files.list(fds)) {
      for (Path fd : files.toList()) {
        try {
          Matcher socket = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
          if (socket.matches()) {
            inodes.add(socket.group(1));
          }
        } catch (IOException closedMeanwhile) {
          // The descriptor was closed between listing and reading it: not a listener then.
        }
      }
    }
    return inodes;
  }

  /**
   * The kernel writes the address as hexadecimal 32-bit words in the machine's byte order (little
   * endian on the machines this runs on), and the port as a big-endian hexadecimal number.
   */
  private static Listener listener(String local) throws UnknownHostException {
    String[] parts = local.split(":");
    String hex = parts[0];
    byte[] address = new byte[hex.length() / 2];
    for (int word = 0; word < address.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = word * 8 + (3 - i) * 2;
        address[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    return new Listener(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
  }
}
