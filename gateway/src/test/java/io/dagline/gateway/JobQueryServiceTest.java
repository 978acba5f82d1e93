package io.dagline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.gateway.cluster.ExecutorPresence;
import io.dagline.gateway.api.JobStatusResponse;
import io.dagline.gateway.api.TaskListResponse;
import io.dagline.gateway.api.TaskStatusResponse;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskCounts;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.TaskStatusEntry;
import io.dagline.serde.DaglineSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobQueryServiceTest {

  static {
    DaglineSchemas.trustGeneratedClasses(); // builders fill in record-array defaults by class name
  }

  private final StatusViews views = new StatusViews();
  private final JobQueryService queries = new JobQueryService(views);

  @Test
  void shouldShowTheLatestJobStatusWithIsoTimestamps() {
    views.applyJobStatus("j1", status("j1", JobState.SUBMITTED, 1_000));
    views.applyJobStatus("j1", status("j1", JobState.SUCCEEDED, 2_000));

    JobStatusResponse job = queries.job("j1");

    assertThat(job.state()).isEqualTo("SUCCEEDED");
    assertThat(job.submittedAt()).isEqualTo("1970-01-01T00:00:01Z");
    assertThat(job.updatedAt()).isEqualTo("1970-01-01T00:00:02Z");
    assertThat(job.startedAt()).isNull();
    assertThat(job.counts().succeeded()).isEqualTo(2);
  }

  @Test
  void shouldNotLetTheOwnWriteOverrideWhatTheLogSays() {
    views.applyJobStatus("j1", status("j1", JobState.RUNNING, 2_000));
    views.recordOwnWrite(status("j1", JobState.SUBMITTED, 1_000));

    assertThat(queries.job("j1").state()).isEqualTo("RUNNING");
  }

  @Test
  void shouldForgetAJobOnATombstone() {
    views.applyJobStatus("j1", status("j1", JobState.SUBMITTED, 1_000));
    views.applyJobStatus("j1", null);

    assertThatThrownBy(() -> queries.job("j1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.JOB_NOT_FOUND));
  }

  @Test
  void shouldMergeTasksOfAllPartitionsSortedById() {
    views.applyJobStatus("j1", status("j1", JobState.RUNNING, 1_000));
    views.applyPartitionStatus("j1/1", partition("j1", 1, task("c", TaskState.RUNNING), task("a", TaskState.SUCCEEDED)));
    views.applyPartitionStatus("j1/0", partition("j1", 0, task("b", TaskState.READY)));

    TaskListResponse all = queries.tasks("j1", null);
    TaskListResponse running = queries.tasks("j1", "running");

    assertThat(all.tasks()).extracting(TaskStatusResponse::id).containsExactly("a", "b", "c");
    assertThat(running.tasks()).extracting(TaskStatusResponse::id).containsExactly("c");
  }

  @Test
  void shouldForgetAPartitionOnATombstone() {
    views.applyPartitionStatus("j1/0", partition("j1", 0, task("b", TaskState.READY)));
    views.applyPartitionStatus("j1/0", null);

    assertThat(views.knows("j1")).isFalse();
  }

  @Test
  void shouldRejectAnUnknownStateFilter() {
    views.applyJobStatus("j1", status("j1", JobState.RUNNING, 1_000));

    assertThatThrownBy(() -> queries.tasks("j1", "SLEEPING"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMETER));
  }

  @Test
  void shouldTellWhichReadyTasksWaitForASiteWithoutALiveExecutor() {
    JobQueryService withGpuDown = new JobQueryService(views, null, gpuDown(0));
    views.applyJobStatus("j1", JobStatusChanged.newBuilder(status("j1", JobState.RUNNING, 1_000))
        .setTaskCount(4).setCounts(TaskCounts.newBuilder().setReady(3).setWaiting(1).build()).build());
    views.applyPartitionStatus("j1/0", partition("j1", 0,
        TaskStatusEntry.newBuilder(task("train", TaskState.READY)).setQueueSite("gpu").setReadyAt(5_000L).build(),
        TaskStatusEntry.newBuilder(task("tune", TaskState.READY)).setQueueSite("gpu").setReadyAt(4_000L).build(),
        TaskStatusEntry.newBuilder(task("prep", TaskState.READY)).setQueueSite("cpu").setReadyAt(1_000L).build(),
        TaskStatusEntry.newBuilder(task("eval", TaskState.WAITING)).setQueueSite("gpu").build()));

    assertThat(withGpuDown.job("j1").waitingForExecutors()).containsExactly(
        new JobStatusResponse.WaitingForExecutors("gpu", 2, "1970-01-01T00:00:04Z"));
    assertThat(queries.job("j1").waitingForExecutors()).as("every site has a live executor").isEmpty();
  }

  @Test
  void shouldCountTheWaitFromWhenTheSiteLastHadAnExecutorIfThatIsLater() {
    views.applyJobStatus("j1", JobStatusChanged.newBuilder(status("j1", JobState.RUNNING, 1_000))
        .setTaskCount(1).setCounts(TaskCounts.newBuilder().setReady(1).build()).build());
    views.applyPartitionStatus("j1/0", partition("j1", 0,
        TaskStatusEntry.newBuilder(task("train", TaskState.READY)).setQueueSite("gpu").setReadyAt(4_000L).build()));

    assertThat(new JobQueryService(views, null, gpuDown(9_000)).waitingForExecutors("j1")).containsExactly(
        new JobQueryService.SiteWait("gpu", 1, 9_000L));
    assertThat(new JobQueryService(views, null, gpuDown(2_000)).waitingForExecutors("j1")).containsExactly(
        new JobQueryService.SiteWait("gpu", 1, 4_000L));
  }

  /** The "gpu" site has no live executor; one was last heard from at {@code lastSeenAt}. */
  static ExecutorPresence gpuDown(long lastSeenAt) {
    return new ExecutorPresence() {
      @Override
      public boolean hasLiveExecutor(String site) {
        return !site.equals("gpu");
      }

      @Override
      public long lastSeenAt(String site) {
        return site.equals("gpu") ? lastSeenAt : 0;
      }
    };
  }


  @Test
  void shouldAnswerNotFoundForTasksOfAnUnknownJob() {
    assertThatThrownBy(() -> queries.tasks("nope", null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.JOB_NOT_FOUND));
  }

  static JobStatusChanged status(String jobId, JobState state, long updatedAt) {
    return JobStatusChanged.newBuilder().setJobId(jobId).setState(state).setTaskCount(2)
        .setCounts(TaskCounts.newBuilder().setSucceeded(2).build())
        .setSubmittedAt(1_000).setUpdatedAt(updatedAt).build();
  }

  static PartitionStatus partition(String jobId, int partition, TaskStatusEntry... tasks) {
    return PartitionStatus.newBuilder().setJobId(jobId).setPartition(partition).setUpdatedAt(1_000)
        .setTasks(List.of(tasks)).build();
  }

  static TaskStatusEntry task(String id, TaskState state) {
    return TaskStatusEntry.newBuilder().setTaskId(id).setState(state).build();
  }
}
