package io.dagline.serde;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Where writers publish the schemas they write with, and where readers look up a schema by the
 * CRC-64-AVRO fingerprint that heads every single-object-encoded record.
 */
public interface SchemaCatalog extends SchemaStore {

  /** Makes the schema findable by its fingerprint; publishing the same schema twice is harmless. */
  void publish(Schema schema);
}
