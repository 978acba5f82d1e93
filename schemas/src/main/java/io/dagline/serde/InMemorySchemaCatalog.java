package io.dagline.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** A catalog that lives in one process: for tests and for readers that only know their own schemas. */
public final class InMemorySchemaCatalog implements SchemaCatalog {

  private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

  @Override
  public void publish(Schema schema) {
    byFingerprint.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }
}
