package io.dagline.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics that are missing; topics that exist are left as they are. Returns once every partition of
 * the new topics has a leader that serves requests, so that the first writes do not meet a broker that has not
 * taken up its leadership yet (a producer logs each such NOT_LEADER_OR_FOLLOWER retry as a warning).
 */
public final class TopicCreator {

  private TopicCreator() {}

  public static void createMissing(Admin admin, List<NewTopic> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
      if (missing.isEmpty()) {
        return;
      }
      admin.createTopics(missing).values().forEach((name, future) -> {
        try {
          future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
          }
        } catch (InterruptedException | TimeoutException e) {
          throw new IllegalStateException("cannot create topic " + name, e);
        }
      });
      awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics", e);
    }
  }

  /**
   * Asks every partition's leader for its end offset until each one answers: a broker that has not yet taken
   * up a new topic answers UNKNOWN_TOPIC_OR_PARTITION or NOT_LEADER_OR_FOLLOWER (retriable) for a moment.
   */
  private static void awaitLeaders(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        // Describing may meet the same broker that does not know the topic yet: it is retried with the rest.
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
            description.partitions().forEach(p -> partitions.put(new TopicPartition(name, p.partition()),
                OffsetSpec.latest())));
        admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

}
