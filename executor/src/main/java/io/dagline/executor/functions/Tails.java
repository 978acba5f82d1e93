package io.dagline.executor.functions;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The last bytes of a program's output files, and their clean-up. */
final class Tails {

  private Tails() {}

  /** At most the last {@code maxBytes} of the file, as UTF-8 (a character cut in two at the start is replaced). */
  static String read(Path file, int maxBytes) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, maxBytes);
      byte[] tail = new byte[size];
      in.seek(length - size);
      in.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8);
    }
  }

  static String withoutFinalNewline(String text) {
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  static void deleteAll(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing an attempt for
    }
  }
}
