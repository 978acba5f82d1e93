package io.dagline.topics;

/** How many partitions and replicas Dagline's topics get on a given cluster. */
public record TopicLayout(int partitions, short replicationFactor, int minInSyncReplicas) {

  public static TopicLayout singleBroker(int partitions) {
    return new TopicLayout(partitions, (short) 1, 1);
  }

  public static TopicLayout replicated(int partitions, int brokers) {
    short replicas = (short) Math.min(3, brokers);
    return new TopicLayout(partitions, replicas, Math.max(1, replicas - 1));
  }
}
