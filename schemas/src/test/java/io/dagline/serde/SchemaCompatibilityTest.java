package io.dagline.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every schema must stay readable both ways against every released version: new readers read old
 * records (a scheduler upgraded before its changelog is rewritten), and old readers read new records
 * (a rolling upgrade, where old executors still run).
 */
class SchemaCompatibilityTest {

  private static final Path RELEASED = Path.of("released");

  @TestFactory
  Stream<DynamicTest> everySchemaIsCompatibleWithEveryReleasedVersion() throws IOException {
    Map<String, Schema> current = DaglineSchemas.all().stream()
        .collect(Collectors.toMap(Schema::getFullName, Function.identity()));
    List<Path> releasedFiles;
    try (Stream<Path> files = Files.walk(RELEASED)) {
      releasedFiles = files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    }
    assertThat(releasedFiles).as("released schemas under %s", RELEASED.toAbsolutePath()).isNotEmpty();
    return releasedFiles.stream().map(file -> DynamicTest.dynamicTest(RELEASED.relativize(file).toString(), () -> {
      Schema released = new Schema.Parser().parse(file.toFile());
      Schema now = current.get(released.getFullName());
      assertThat(now).as("%s was released and must still exist", released.getFullName()).isNotNull();
      assertCompatible("current reader, released writer", now, released);
      assertForwardCompatible(released, now);
    }));
  }

  private static void assertCompatible(String direction, Schema reader, Schema writer) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    assertThat(result.getType())
        .as("%s for %s: %s", direction, reader.getFullName(), result.getResult().getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  /**
   * Old readers must read new records, with one exception (docs/decisions/0007): a topic's union may
   * gain a new event type. An old reader cannot act on an event it does not know anyway; such a
   * record fails to decode there and goes to the dead-letter topic, every other record still reads.
   */
  private static void assertForwardCompatible(Schema released, Schema now) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(released, now);
    List<SchemaCompatibility.Incompatibility> remaining = result.getResult().getIncompatibilities().stream()
        .filter(i -> !isNewEventTypeInTopicUnion(now, i))
        .toList();
    assertThat(remaining).as("released reader, current writer for %s", released.getFullName()).isEmpty();
  }

  private static boolean isNewEventTypeInTopicUnion(Schema writer, SchemaCompatibility.Incompatibility incompatibility) {
    boolean topicUnion = writer.getType() == Schema.Type.RECORD && writer.getFields().size() == 1
        && writer.getFields().get(0).name().equals("event")
        && writer.getFields().get(0).schema().getType() == Schema.Type.UNION;
    return topicUnion
        && incompatibility.getType() == SchemaCompatibility.SchemaIncompatibilityType.MISSING_UNION_BRANCH
        && incompatibility.getLocation().matches("/fields/0/type/\\d+");
  }
}
