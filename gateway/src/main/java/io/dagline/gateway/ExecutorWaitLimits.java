package io.dagline.gateway;

import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails a running job once a ready task of it has waited longer than its limit at a site with no live
 * executor: the job's own {@code executorWaitLimitMs}, else the gateway's default (none unless
 * configured: such jobs wait). The gateway watches because it is where the executors' heartbeats and the
 * jobs' ready tasks meet; the scheduler decides, through the same command as a cancellation, so a second
 * gateway sending it too changes nothing.
 */
public final class ExecutorWaitLimits implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorWaitLimits.class);

  private final StatusViews views;
  private final JobQueryService queries;
  private final JobCancellationService cancellations;
  private final Duration defaultLimit;
  private final LongSupplier clock;
  /** Jobs failed here whose status has not shown it yet: not sent twice, forgotten once they no longer run. */
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService timer;

  /** {@code defaultLimit}: for jobs without their own limit; null for none. */
  public ExecutorWaitLimits(StatusViews views, JobQueryService queries, JobCancellationService cancellations,
      Duration defaultLimit, LongSupplier clock) {
    this.views = views;
    this.queries = queries;
    this.cancellations = cancellations;
    this.defaultLimit = defaultLimit;
    this.clock = clock;
  }

  /** Checks every {@code interval} on a thread of its own. */
  public ExecutorWaitLimits start(Duration interval) {
    timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "dagline-executor-wait-limits");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::checkLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void checkLogged() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warn("checking executor wait limits failed", e);
    }
  }

  /** Fails every job over its limit now; answers the ids of the jobs it failed. */
  public List<String> check() {
    long now = clock.getAsLong();
    failed.removeIf(jobId -> views.job(jobId).map(status -> status.getState() != JobState.RUNNING).orElse(true));
    List<JobStatusChanged> candidates = views.jobs(null, status -> status.getState() == JobState.RUNNING
        && status.getCounts().getReady() > 0 && limitMs(status) != null && !failed.contains(status.getJobId()),
        Integer.MAX_VALUE);
    return candidates.stream().filter(status -> failIfOverLimit(status, now)).map(JobStatusChanged::getJobId).toList();
  }

  private boolean failIfOverLimit(JobStatusChanged status, long now) {
    long limit = limitMs(status);
    for (JobQueryService.SiteWait wait : queries.waitingForExecutors(status.getJobId())) {
      if (wait.since() != null && now - wait.since() >= limit) {
        String reason = wait.tasks() + (wait.tasks() == 1 ? " ready task" : " ready tasks") + " waited "
            + Duration.ofMillis(now - wait.since()).toSeconds() + " s at site \"" + wait.site()
            + "\", which has no live executor (executorWaitLimitMs " + limit + ")";
        failed.add(status.getJobId());
        cancellations.fail(status.getJobId(), reason);
        LOG.info("job {} failed: {}", status.getJobId(), reason);
        return true;
      }
    }
    return false;
  }

  private Long limitMs(JobStatusChanged status) {
    if (status.getExecutorWaitLimitMs() != null) {
      return status.getExecutorWaitLimitMs();
    }
    return defaultLimit == null ? null : defaultLimit.toMillis();
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
