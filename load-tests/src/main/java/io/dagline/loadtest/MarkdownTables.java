package io.dagline.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's results as Markdown tables, one per kind of measure. Each row is also echoed to stderr as it
 * is made, so a long run shows progress and a crash later on loses nothing.
 */
final class MarkdownTables {

  private record Table(String title, String header, String alignment, List<String> rows) {}

  private final Map<String, Table> tables = new LinkedHashMap<>();

  void define(String key, String title, String... columns) {
    StringBuilder header = new StringBuilder("|");
    StringBuilder alignment = new StringBuilder("|");
    for (String column : columns) {
      boolean number = column.startsWith("#");
      header.append(' ').append(number ? column.substring(1) : column).append(" |");
      alignment.append(number ? "---:|" : "---|");
    }
    tables.put(key, new Table(title, header.toString(), alignment.toString(), new ArrayList<>()));
  }

  void row(String key, Object... cells) {
    StringBuilder row = new StringBuilder("|");
    for (Object cell : cells) {
      row.append(' ').append(cell).append(" |");
    }
    tables.get(key).rows().add(row.toString());
    System.err.println("[benchmark] " + key + ": " + row);
  }

  /** Prints every table that has rows, after {@code preamble}, to stdout and to {@code file}. */
  void print(String preamble, Path file) {
    StringBuilder text = new StringBuilder(preamble).append(System.lineSeparator());
    for (Table table : tables.values()) {
      if (table.rows().isEmpty()) {
        continue;
      }
      text.append(System.lineSeparator()).append("### ").append(table.title()).append(System.lineSeparator())
          .append(System.lineSeparator()).append(table.header()).append(System.lineSeparator())
          .append(table.alignment()).append(System.lineSeparator());
      table.rows().forEach(row -> text.append(row).append(System.lineSeparator()));
    }
    System.out.println();
    System.out.print(text);
    System.out.flush();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
      System.err.println("[benchmark] tables written to " + file.toAbsolutePath());
    } catch (IOException e) {
      System.err.println("[benchmark] could not write " + file + ": " + e);
    }
  }
}
