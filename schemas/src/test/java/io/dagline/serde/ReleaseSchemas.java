package io.dagline.serde;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * Freezes the current schemas as a release: {@code released/<version>/<full name>.avsc}, each
 * self-contained. Run when a version ships; {@link SchemaCompatibilityTest} then holds every later
 * change to it.
 */
public final class ReleaseSchemas {

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 1 ? args[1] : "released").resolve(args[0]);
    Files.createDirectories(dir);
    for (Schema schema : DaglineSchemas.all()) {
      Files.writeString(dir.resolve(schema.getFullName() + ".avsc"), schema.toString(true) + "\n");
    }
  }
}
