package io.dagline.serde;

import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobEvent;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.JobStopped;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskResult;
import io.dagline.schemas.state.JobRecord;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.SiteRecord;
import io.dagline.schemas.state.TaskRecord;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/** Every record type that is written to Kafka on its own: topic values and state-store values. */
public final class DaglineSchemas {

  public static final List<Class<? extends SpecificRecord>> TOPIC_VALUES = List.of(
      JobCommand.class, PartitionEvent.class, DispatchEvent.class, TaskDispatched.class,
      JobEvent.class, JobStatusChanged.class, PartitionStatus.class, JobStopped.class, TaskResult.class);

  public static final List<Class<? extends SpecificRecord>> STORE_VALUES = List.of(
      TaskRecord.class, PartitionRecord.class, SiteRecord.class, JobRecord.class);

  private static boolean trusted;

  private DaglineSchemas() {}

  /**
   * Lets Avro 1.12 resolve Dagline's generated classes by name, which it refuses for untrusted
   * classes: decoding does, and so does a builder filling in an enum field's default. Idempotent; call
   * it before building or decoding records where no serde has been created yet.
   */
  public static synchronized void trustGeneratedClasses() {
    if (!trusted) {
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
          ClassSecurityValidator.getGlobal(),
          type -> type.getName().startsWith("io.dagline.schemas.")));
      trusted = true;
    }
  }

  public static List<Schema> all() {
    return java.util.stream.Stream.concat(TOPIC_VALUES.stream(), STORE_VALUES.stream())
        .map(type -> SpecificData.getForClass(type).getSchema(type))
        .toList();
  }

  public static void publishAll(SchemaCatalog catalog) {
    all().forEach(catalog::publish);
  }
}
