package io.dagline.executor;

import io.dagline.schemas.TaskDispatched;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells the scheduler an attempt started only once it has run for a while: most tasks of a DAG are short,
 * and their completion says when they started anyway, so their start costs no record and no scheduler
 * step. An attempt with a timeout reports its start at once, since the scheduler's backstop deadline for
 * an executor that never reports starts with it. Executors' heartbeats name every running attempt from
 * its first moment, so a lost executor's attempts are failed whether or not their start was reported.
 */
final class StartReports {

  private final CompletionReporter reporter;
  private final ScheduledExecutorService timer;
  private final Duration delay;

  StartReports(CompletionReporter reporter, ScheduledExecutorService timer, Duration delay) {
    this.reporter = reporter;
    this.timer = timer;
    this.delay = delay;
  }

  /** The attempt started now; answers what to call when it ends (a report not yet sent is then not sent). */
  Runnable started(TaskDispatched task, long startedAt) {
    if (task.getTimeoutMs() != null || delay.isZero()) {
      reporter.started(task, startedAt);
      return () -> {};
    }
    ScheduledFuture<?> later = timer.schedule(() -> reporter.started(task, startedAt), delay.toMillis(),
        TimeUnit.MILLISECONDS);
    return () -> later.cancel(false);
  }
}
