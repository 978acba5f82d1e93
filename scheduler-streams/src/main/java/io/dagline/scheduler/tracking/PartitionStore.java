package io.dagline.scheduler.tracking;

import io.dagline.schemas.state.PartitionRecord;
import io.dagline.topics.DaglineTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Level-1 partition state, keyed {@code jobId/partition}; a partition written here is also marked in the
 * status-pending store, whose punctuator publishes its status.
 */
final class PartitionStore {

  private final KeyValueStore<String, PartitionRecord> partitions;
  private final KeyValueStore<String, Long> statusPending;
  private final LongSupplier clock;

  PartitionStore(KeyValueStore<String, PartitionRecord> partitions, KeyValueStore<String, Long> statusPending,
      LongSupplier clock) {
    this.partitions = partitions;
    this.statusPending = statusPending;
    this.clock = clock;
  }

  PartitionRecord get(String jobId, int partition) {
    return partitions.get(key(jobId, partition));
  }

  /** Writes the partition and marks its status for publication. */
  void put(PartitionRecord partition) {
    String key = key(partition.getJobId(), partition.getPartition());
    partitions.put(key, partition);
    if (statusPending.get(key) == null) {
      statusPending.put(key, clock.getAsLong());
    }
  }

  List<PartitionRecord> live() {
    List<PartitionRecord> live = new ArrayList<>();
    try (var all = partitions.all()) {
      all.forEachRemaining(entry -> {
        if (!entry.value.getStopped()) {
          live.add(entry.value);
        }
      });
    }
    return live;
  }

  static String key(String jobId, int partition) {
    return DaglineTopics.partitionKey(jobId, partition); // the same key as on the partition topics
  }
}
