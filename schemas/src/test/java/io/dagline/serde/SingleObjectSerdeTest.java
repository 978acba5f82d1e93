package io.dagline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskCompleted;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SingleObjectSerdeTest {

  private final InMemorySchemaCatalog catalog = new InMemorySchemaCatalog();
  private final SingleObjectSerde<PartitionEvent> serde = new SingleObjectSerde<>(PartitionEvent.class, catalog);

  @Test
  void shouldRoundTripAnEventInsideItsTopicUnion() {
    PartitionEvent event = new PartitionEvent(TaskCompleted.newBuilder()
        .setAttempt(new TaskAttempt("job-1", 2, "t7", 1))
        .setPlacement(new ExecutionPlacement("executor-a", "default"))
        .setStartedAt(10L).setFinishedAt(12L).setResult("42").setResultRef(null)
        .build());

    byte[] bytes = serde.serialize("dagline.partition-events", event);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(serde.deserialize("dagline.partition-events", bytes)).isEqualTo(event);
  }

  @Test
  void shouldPublishItsSchemaWhenItFirstWrites() {
    serde.serialize("t", new PartitionEvent(new io.dagline.schemas.UpstreamCompleted("j", 0, "a", java.util.List.of("b"), null)));

    long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(PartitionEvent.getClassSchema());
    assertThat(catalog.findByFingerprint(fingerprint)).isEqualTo(PartitionEvent.getClassSchema());
  }

  @Test
  void shouldReadARecordWrittenWithAnOlderSchemaFoundInTheCatalog() {
    Schema older = SchemaBuilder.record("TaskAttempt").namespace("io.dagline.schemas").fields()
        .requiredString("jobId").requiredInt("partition").requiredString("taskId").endRecord();
    catalog.publish(older);
    GenericRecord old = new GenericData.Record(older);
    old.put("jobId", "j");
    old.put("partition", 3);
    old.put("taskId", "t");
    byte[] bytes = encode(older, old);

    // The current TaskAttempt adds "attempt" without a default, so resolving must fail loudly...
    var attempts = new SingleObjectSerde<>(TaskAttempt.class, catalog);
    assertThatThrownBy(() -> attempts.deserialize("t", bytes)).isInstanceOf(SerializationException.class);
  }

  @Test
  void shouldRejectBytesThatAreNotSingleObjectEncoded() {
    assertThatThrownBy(() -> serde.deserialize("dagline.partition-events", new byte[] {1, 2, 3, 4}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("dagline.partition-events");
  }

  private static byte[] encode(Schema schema, GenericRecord record) {
    try {
      var buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
