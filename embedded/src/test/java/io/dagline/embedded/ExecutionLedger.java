package io.dagline.embedded;

import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskFailed;
import io.dagline.serde.InMemorySchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every execution report executors wrote for one job, read back from the task-reports topic: how
 * many tasks ran, and how many ran more than once (a redelivery after a crash).
 */
record ExecutionLedger(int distinctTasks, int reports, Map<String, Integer> reportsPerTask) {

  int duplicateExecutions() {
    return reports - distinctTasks;
  }

  static ExecutionLedger read(String bootstrapServers, String jobId) {
    var deserializer = new DaglineTopics(WireFormat.singleObject(new InMemorySchemaCatalog()))
        .taskReports.valueSerde().deserializer();
    Map<String, Integer> perTask = new HashMap<>();
    Set<String> attempts = new HashSet<>();
    int[] reports = {0};
    TopicContents.forEach(bootstrapServers, DaglineTopics.TASK_REPORTS, deserializer, event -> {
      TaskAttempt attempt = attemptOf(event);
      if (attempt != null && attempt.getJobId().equals(jobId)) {
        reports[0]++;
        perTask.merge(attempt.getTaskId(), 1, Integer::sum);
        attempts.add(attempt.getTaskId() + "#" + attempt.getAttempt());
      }
    });
    return new ExecutionLedger(attempts.size(), reports[0], perTask);
  }

  private static TaskAttempt attemptOf(PartitionEvent event) {
    if (event.getEvent() instanceof TaskCompleted completed) {
      return completed.getAttempt();
    }
    if (event.getEvent() instanceof TaskFailed failed) {
      return failed.getAttempt();
    }
    return null;
  }
}
