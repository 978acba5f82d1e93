package io.dagline.embedded;

import io.dagline.topics.DaglineTopics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.utils.Utils;

/** Scheduler instances as separate processes, and which of them holds a site's dispatcher. */
public final class SchedulerProcesses {

  public static final String READY_LINE = "REBALANCING -> RUNNING";

  private SchedulerProcesses() {}

  public static JavaProcess start(String name, String bootstrapServers, Path dataDir, int replicationFactor,
      int standbyReplicas, boolean exactlyOnce, Path logDir) {
    return start(name, bootstrapServers, dataDir, replicationFactor, standbyReplicas, exactlyOnce, "safe", logDir);
  }

  /** {@code failover}: "safe" or "fast", see {@code SchedulerRuntime.Failover}. */
  public static JavaProcess start(String name, String bootstrapServers, Path dataDir, int replicationFactor,
      int standbyReplicas, boolean exactlyOnce, String failover, Path logDir) {
    return start(name, bootstrapServers, dataDir, replicationFactor, standbyReplicas, exactlyOnce, failover, "rocksdb",
        logDir);
  }

  /** {@code stores}: "rocksdb" (changelogged) or "memory" (not replicated). */
  public static JavaProcess start(String name, String bootstrapServers, Path dataDir, int replicationFactor,
      int standbyReplicas, boolean exactlyOnce, String failover, String stores, Path logDir) {
    return start(name, bootstrapServers, dataDir, replicationFactor, standbyReplicas, exactlyOnce, failover, stores,
        Map.of(), logDir);
  }

  /** With more of SchedulerMain's settings ({@code DAGLINE_*} variables) in {@code environment}. */
  public static JavaProcess start(String name, String bootstrapServers, Path dataDir, int replicationFactor,
      int standbyReplicas, boolean exactlyOnce, Map<String, String> environment, Path logDir) {
    return start(name, bootstrapServers, dataDir, replicationFactor, standbyReplicas, exactlyOnce, "safe", "rocksdb",
        environment, logDir);
  }

  private static JavaProcess start(String name, String bootstrapServers, Path dataDir, int replicationFactor,
      int standbyReplicas, boolean exactlyOnce, String failover, String stores, Map<String, String> environment,
      Path logDir) {
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.putAll(Map.of(
        "DAGLINE_STORES", stores,
        "DAGLINE_FAILOVER", failover,
        "DAGLINE_BOOTSTRAP_SERVERS", bootstrapServers,
        "DAGLINE_INSTANCE_NAME", name,
        "DAGLINE_STATE_DIR", dataDir.resolve(name).toString(),
        "DAGLINE_REPLICATION_FACTOR", Integer.toString(replicationFactor),
        "DAGLINE_STANDBY_REPLICAS", Integer.toString(standbyReplicas),
        "DAGLINE_EXACTLY_ONCE", Boolean.toString(exactlyOnce)));
    return JavaProcess.start(name, "io.dagline.scheduler.SchedulerMain", env, logDir, READY_LINE);
  }

  /**
   * The instance whose stream thread holds the dispatch-events partition of {@code site}, found from
   * the consumer group's assignment: instances name their clients after themselves.
   */
  public static Optional<String> dispatcherOwner(Admin admin, String applicationId, String site) throws Exception {
    int partitions = admin.describeTopics(java.util.List.of(DaglineTopics.DISPATCH_EVENTS)).allTopicNames()
        .get(30, TimeUnit.SECONDS).get(DaglineTopics.DISPATCH_EVENTS).partitions().size();
    int partition = Utils.toPositive(Utils.murmur2(site.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    var group = admin.describeConsumerGroups(java.util.List.of(applicationId)).all().get(30, TimeUnit.SECONDS)
        .get(applicationId);
    for (MemberDescription member : group.members()) {
      boolean owns = member.assignment().topicPartitions().stream()
          .anyMatch(tp -> tp.topic().equals(DaglineTopics.DISPATCH_EVENTS) && tp.partition() == partition);
      if (owns) {
        return Optional.of(member.clientId().replaceFirst("-StreamThread-.*$", ""));
      }
    }
    return Optional.empty();
  }
}
