package io.dagline.embedded;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ss -ltnp} shows for some processes: the TCP sockets they listen on, read from
 * {@code /proc/net/tcp}, {@code /proc/net/tcp6} and each process's open file descriptors (Linux only).
 */
final class ListeningSockets {

  /** A listening socket: its local address as {@code ss} prints it, and the process that holds it. */
  record Listener(long pid, String address, int port) {

    boolean isLoopback() {
      return address.equals("127.0.0.1") || address.equals("::1") || address.equals("::ffff:127.0.0.1");
    }
  }

  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  static List<Listener> of(Collection<Long> pids) throws IOException {
    Map<Long, Listener> byInode = new HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        if (fields[3].equals(LISTEN)) {
          String[] local = fields[1].split(":");
          byInode.put(Long.parseLong(fields[9]), new Listener(0, address(local[0]), Integer.parseInt(local[1], 16)));
        }
      }
    }
    List<Listener> found = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (long pid : pids) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
        for (Path fd : fds) {
          String target;
          try {
            target = Files.readSymbolicLink(fd).toString();
          } catch (IOException e) {
            continue; // closed meanwhile
          }
          if (target.startsWith("socket:[")) {
            long inode = Long.parseLong(target.substring(8, target.length() - 1));
            Listener listener = byInode.get(inode);
            if (listener != null && seen.add(inode)) {
              found.add(new Listener(pid, listener.address(), listener.port()));
            }
          }
        }
      }
    }
    return found;
  }

  /** A /proc/net address: 8 hex digits (IPv4, little-endian) or 32 (IPv6, four little-endian words). */
  static String address(String hex) {
    if (hex.length() == 8) {
      return ipv4(hex);
    }
    StringBuilder bytes = new StringBuilder();
    for (int word = 0; word < 4; word++) {
      String w = hex.substring(word * 8, word * 8 + 8);
      bytes.append(w, 6, 8).append(w, 4, 6).append(w, 2, 4).append(w, 0, 2);
    }
    String all = bytes.toString();
    if (all.equals("0".repeat(32))) {
      return "::";
    }
    if (all.equals("0".repeat(31) + "1")) {
      return "::1";
    }
    if (all.startsWith("0".repeat(20) + "ffff") || all.startsWith("0".repeat(20) + "FFFF")) {
      String v4 = all.substring(24);
      return "::ffff:" + Integer.parseInt(v4.substring(0, 2), 16) + "." + Integer.parseInt(v4.substring(2, 4), 16)
          + "." + Integer.parseInt(v4.substring(4, 6), 16) + "." + Integer.parseInt(v4.substring(6, 8), 16);
    }
    return all.toLowerCase();
  }

  private static String ipv4(String hex) {
    return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
        + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
  }
}
