package io.dagline.scheduler.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The approximate number of entries of each of this instance's state stores, summed over the
 * partitions it holds (RocksDB's {@code rocksdb.estimate-num-keys}, an in-memory store's exact size),
 * read through interactive queries at scrape time. NaN while the stores cannot be queried (rebalancing).
 */
public final class StoreSizeGauges implements MeterBinder {

  public static final String STORE_ENTRIES = "dagline.scheduler.store.entries";

  private final KafkaStreams streams;
  private final List<String> stores;

  public StoreSizeGauges(KafkaStreams streams, List<String> stores) {
    this.streams = streams;
    this.stores = List.copyOf(stores);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String store : stores) {
      Gauge.builder(STORE_ENTRIES, streams, s -> approximateEntries(s, store))
          .description("approximate entries in the state store, over this instance's partitions")
          .tag("store", store).register(registry);
    }
  }

  static double approximateEntries(KafkaStreams streams, String store) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return Double.NaN;
    }
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()))
          .approximateNumEntries();
    } catch (InvalidStateStoreException e) {
      return Double.NaN;
    }
  }
}
