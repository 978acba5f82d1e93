package io.dagline.gateway;

import io.dagline.gateway.api.JobListResponse;
import io.dagline.gateway.api.JobStatusResponse;
import io.dagline.gateway.api.TaskDetailResponse;
import io.dagline.gateway.api.TaskListResponse;
import io.dagline.gateway.api.TaskStatusResponse;
import io.dagline.gateway.api.Timestamps;
import io.dagline.gateway.cluster.ExecutorPresence;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.TaskStatusEntry;
import io.micronaut.http.HttpStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Answers status questions from the local views; never reads Kafka on a request.
 *
 * <p>Every question takes the caller's tenant: null when authentication is off (every job is
 * visible), otherwise only that tenant's jobs exist for it; another tenant's job is "not known".
 */
public final class JobQueryService {

  public static final int DEFAULT_JOB_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  /** The filters of the job list; null fields do not filter. */
  public record JobFilter(String state, String pool, String since, String until) {

    public static JobFilter none() {
      return new JobFilter(null, null, null, null);
    }
  }

  private final StatusViews views;
  /** The tenant that owns jobs submitted while authentication was off (null: nobody sees them once it is on). */
  private final String untenantedJobsOwner;
  /** Which sites have a live executor (from heartbeats), to tell which ready tasks wait for one. */
  private final ExecutorPresence executors;

  public JobQueryService(StatusViews views) {
    this(views, null, ExecutorPresence.EVERYWHERE);
  }

  public JobQueryService(StatusViews views, String untenantedJobsOwner) {
    this(views, untenantedJobsOwner, ExecutorPresence.EVERYWHERE);
  }

  public JobQueryService(StatusViews views, String untenantedJobsOwner, ExecutorPresence executors) {
    this.views = views;
    this.untenantedJobsOwner = untenantedJobsOwner;
    this.executors = executors;
  }

  public JobStatusResponse job(String jobId) {
    return job(jobId, null);
  }

  public JobStatusResponse job(String jobId, String tenant) {
    JobStatusChanged status = visibleJob(jobId, tenant);
    // Clients poll this: read the task lists only when the job has ready tasks that could be waiting.
    List<JobStatusResponse.WaitingForExecutors> waiting = status.getCounts().getReady() > 0
        ? waitingForExecutors(jobId).stream().map(SiteWait::response).toList() : List.of();
    return JobStatusResponse.from(status).withWaitingForExecutors(waiting);
  }

  /**
   * Ready tasks of a job at a site with no live executor: how many, and since when they wait — the
   * earliest ready time, or when the site's last executor was last heard from if that is later (null when
   * neither is known).
   */
  public record SiteWait(String site, int tasks, Long since) {

    JobStatusResponse.WaitingForExecutors response() {
      return new JobStatusResponse.WaitingForExecutors(site, tasks, Timestamps.iso(since));
    }
  }

  /** The job's ready tasks grouped by a queue site that has no live executor. */
  public List<SiteWait> waitingForExecutors(String jobId) {
    Map<String, int[]> countBySite = new TreeMap<>();
    Map<String, Long> readySinceBySite = new HashMap<>();
    Map<String, Boolean> servedBySite = new HashMap<>(); // asked once per site, not once per task
    for (TaskStatusEntry task : latestTasks(jobId).values()) {
      String site = task.getQueueSite();
      if (task.getState() == TaskState.READY && site != null
          && !servedBySite.computeIfAbsent(site, executors::hasLiveExecutor)) {
        countBySite.computeIfAbsent(site, s -> new int[1])[0]++;
        if (task.getReadyAt() != null) {
          readySinceBySite.merge(site, task.getReadyAt(), Math::min);
        }
      }
    }
    List<SiteWait> waiting = new ArrayList<>();
    countBySite.forEach((site, count) -> {
      Long readySince = readySinceBySite.get(site);
      long lastSeen = executors.lastSeenAt(site);
      Long since = readySince == null ? (lastSeen > 0 ? lastSeen : null) : Long.valueOf(Math.max(readySince, lastSeen));
      waiting.add(new SiteWait(site, count[0], since));
    });
    return waiting;
  }

  /** The job's status if the tenant may see it; otherwise 404, as for a job that does not exist. */
  public JobStatusChanged visibleJob(String jobId, String tenant) {
    return views.job(jobId).filter(status -> visibleTo(status, tenant)).orElseThrow(() -> notFound(jobId));
  }

  /**
   * Whether the caller's tenant (null: authentication is off) may see and cancel the job: its own jobs, and
   * for the configured owner also the jobs submitted while authentication was off, which have no tenant.
   */
  public boolean visibleTo(JobStatusChanged status, String tenant) {
    if (tenant == null) {
      return true;
    }
    return status.getTenant() == null ? tenant.equals(untenantedJobsOwner) : tenant.equals(status.getTenant());
  }

  /** One page of jobs, newest submission first. */
  public JobListResponse jobs(JobFilter filter, String limit, String cursor, String tenant) {
    int pageSize = limit(limit, DEFAULT_JOB_LIMIT);
    JobState state = parseEnum(filter.state(), JobState.class, "job state");
    Long since = instant(filter.since(), "since");
    Long until = instant(filter.until(), "until");
    String pool = blankToNull(filter.pool());
    Predicate<JobStatusChanged> matches = status -> visibleTo(status, tenant)
        && (state == null || status.getState() == state)
        && (pool == null || pool.equals(status.getPool()))
        && (since == null || status.getSubmittedAt() >= since)
        && (until == null || status.getSubmittedAt() < until);
    StatusViews.JobOrder after = blankToNull(cursor) == null ? null : Cursors.job(cursor);
    List<JobStatusChanged> page = views.jobs(after, matches, pageSize + 1);
    String next = null;
    if (page.size() > pageSize) {
      page = page.subList(0, pageSize);
      JobStatusChanged last = page.get(pageSize - 1);
      next = Cursors.ofJob(new StatusViews.JobOrder(last.getSubmittedAt(), last.getJobId()));
    }
    return new JobListResponse(page.stream().map(JobStatusResponse::from).toList(), next);
  }

  public TaskListResponse tasks(String jobId, String state) {
    return tasks(jobId, state, null, null, null);
  }

  /**
   * The job's tasks across its graph partitions, sorted by task id, a page at a time.
   *
   * @param state only tasks in this state (case-insensitive), or null for all
   * @param limit the page size, or null for every task on one page
   */
  public TaskListResponse tasks(String jobId, String state, String limit, String cursor, String tenant) {
    TaskState filter = parseEnum(state, TaskState.class, "task state");
    Integer pageSize = blankToNull(limit) == null ? null : limit(limit, MAX_LIMIT);
    String after = blankToNull(cursor) == null ? null : Cursors.task(cursor);
    checkVisible(jobId, tenant);
    List<TaskStatusEntry> tasks = latestTasks(jobId).values().stream()
        .filter(task -> filter == null || task.getState() == filter)
        .filter(task -> after == null || task.getTaskId().compareTo(after) > 0)
        .sorted(Comparator.comparing(TaskStatusEntry::getTaskId))
        .toList();
    String next = null;
    if (pageSize != null && tasks.size() > pageSize) {
      tasks = tasks.subList(0, pageSize);
      next = Cursors.ofTask(tasks.get(pageSize - 1).getTaskId());
    }
    return new TaskListResponse(jobId, tasks.stream().map(TaskStatusResponse::from).toList(), next);
  }

  /** One task with its attempts. */
  public TaskDetailResponse task(String jobId, String taskId, String tenant) {
    checkVisible(jobId, tenant);
    TaskStatusEntry task = latestTasks(jobId).get(taskId);
    if (task == null) {
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCodes.TASK_NOT_FOUND,
          "job " + quoteShort(jobId) + " has no task " + quoteShort(taskId) + " (or its status is not known yet)");
    }
    return TaskDetailResponse.from(jobId, task, views.result(jobId, taskId).orElse(null));
  }

  /** Each task's latest entry; should two partitions report a task, the newer report wins. */
  private Map<String, TaskStatusEntry> latestTasks(String jobId) {
    Map<String, TaskStatusEntry> byId = new HashMap<>();
    Map<String, Long> reportedAt = new HashMap<>();
    for (PartitionStatus partition : views.partitions(jobId)) {
      for (TaskStatusEntry task : partition.getTasks()) {
        Long seen = reportedAt.get(task.getTaskId());
        if (seen == null || seen < partition.getUpdatedAt()) {
          byId.put(task.getTaskId(), task);
          reportedAt.put(task.getTaskId(), partition.getUpdatedAt());
        }
      }
    }
    return byId;
  }

  private void checkVisible(String jobId, String tenant) {
    boolean visible = tenant == null
        ? views.knows(jobId)
        : views.job(jobId).map(status -> visibleTo(status, tenant)).orElse(false);
    if (!visible) {
      throw notFound(jobId);
    }
  }

  /** The tasks that differ between two reports of one partition (every task of the new one when there was none). */
  public static List<TaskStatusResponse> changedTasks(PartitionStatus previous, PartitionStatus current) {
    Map<String, TaskStatusEntry> before = new HashMap<>();
    if (previous != null) {
      previous.getTasks().forEach(task -> before.put(task.getTaskId(), task));
    }
    List<TaskStatusResponse> changed = new ArrayList<>();
    for (TaskStatusEntry task : current.getTasks()) {
      if (!Objects.equals(before.get(task.getTaskId()), task)) {
        changed.add(TaskStatusResponse.from(task));
      }
    }
    return changed;
  }

  static int limit(String value, int fallback) {
    if (blankToNull(value) == null) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_PARAMETER,
        "limit " + quoteShort(value) + " must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static Long instant(String value, String name) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return Instant.parse(value.trim()).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_PARAMETER,
          name + " " + quoteShort(value) + " is not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }

  private static <E extends Enum<E>> E parseEnum(String value, Class<E> type, String what) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_PARAMETER,
          "state " + quoteShort(value) + " is not a " + what + "; expected one of "
              + Arrays.toString(type.getEnumConstants()));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static String quoteShort(String value) {
    return '"' + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + '"';
  }

  static ApiException notFound(String jobId) {
    return new ApiException(HttpStatus.NOT_FOUND, ErrorCodes.JOB_NOT_FOUND, "job " + quoteShort(jobId) + " is not known");
  }
}
