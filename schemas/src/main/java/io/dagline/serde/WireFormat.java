package io.dagline.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one seam between Dagline's records and their bytes on Kafka. Today: Avro single-object
 * encoding with a schemas topic. A Confluent wire-format implementation can be added here where
 * Confluent's repository is reachable.
 */
public interface WireFormat {

  <T extends SpecificRecord> Serde<T> serde(Class<T> type);

  /** Avro single-object encoding, resolving unknown writer schemas through the catalog. */
  static WireFormat singleObject(SchemaCatalog catalog) {
    return new WireFormat() {
      @Override
      public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return new SingleObjectSerde<>(type, catalog);
      }
    };
  }
}
