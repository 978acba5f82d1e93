package io.dagline.scheduler.tracking;

import io.dagline.schemas.TaskCounts;
import io.dagline.schemas.TaskState;

/** Counting tasks by state. */
public final class TaskCountsMath {

  private TaskCountsMath() {}

  public static TaskCounts empty() {
    return new TaskCounts(0, 0, 0, 0, 0, 0, 0);
  }

  public static void add(TaskCounts counts, TaskState state, int delta) {
    switch (state) {
      case WAITING -> counts.setWaiting(counts.getWaiting() + delta);
      case READY -> counts.setReady(counts.getReady() + delta);
      case RUNNING -> counts.setRunning(counts.getRunning() + delta);
      case SUCCEEDED -> counts.setSucceeded(counts.getSucceeded() + delta);
      case FAILED -> counts.setFailed(counts.getFailed() + delta);
      case SKIPPED -> counts.setSkipped(counts.getSkipped() + delta);
      case CANCELLED -> counts.setCancelled(counts.getCancelled() + delta);
    }
  }

  public static TaskCounts sum(Iterable<TaskCounts> parts) {
    TaskCounts total = empty();
    for (TaskCounts c : parts) {
      total.setWaiting(total.getWaiting() + c.getWaiting());
      total.setReady(total.getReady() + c.getReady());
      total.setRunning(total.getRunning() + c.getRunning());
      total.setSucceeded(total.getSucceeded() + c.getSucceeded());
      total.setFailed(total.getFailed() + c.getFailed());
      total.setSkipped(total.getSkipped() + c.getSkipped());
      total.setCancelled(total.getCancelled() + c.getCancelled());
    }
    return total;
  }

  public static int finished(TaskCounts c) {
    return c.getSucceeded() + c.getFailed() + c.getSkipped() + c.getCancelled();
  }
}
