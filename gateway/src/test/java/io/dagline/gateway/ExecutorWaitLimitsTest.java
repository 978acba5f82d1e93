package io.dagline.gateway;

import static io.dagline.gateway.JobQueryServiceTest.gpuDown;
import static io.dagline.gateway.JobQueryServiceTest.partition;
import static io.dagline.gateway.JobQueryServiceTest.status;
import static io.dagline.gateway.JobQueryServiceTest.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.gateway.cluster.ExecutorPresence;
import io.dagline.schemas.CancelJob;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.TaskCounts;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.TaskStatusEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExecutorWaitLimitsTest {

  private final StatusViews views = new StatusViews();
  private final List<CancelJob> sent = new ArrayList<>();
  private final JobPublisher publisher = new JobPublisher() {
    @Override
    public void publish(JobStatusChanged submittedStatus, JobCommand submitCommand) {}

    @Override
    public void command(String jobId, JobCommand command) {
      sent.add((CancelJob) command.getEvent());
    }
  };
  private final AtomicLong now = new AtomicLong(10_000);

  @Test
  void shouldFailAJobOnceItsReadyTaskWaitedItsOwnLimitAtASiteWithoutExecutors() {
    runningJobWaitingForGpu("j1", 5_000L, 4_000);
    ExecutorWaitLimits limits = limits(gpuDown(0), null);

    now.set(8_999);
    assertThat(limits.check()).as("waited 4.999 s of 5").isEmpty();
    now.set(9_000);
    assertThat(limits.check()).containsExactly("j1");
    assertThat(limits.check()).as("sent once").isEmpty();

    assertThat(sent).singleElement().satisfies(command -> {
      assertThat(command.getJobId()).isEqualTo("j1");
      assertThat(command.getFailJob()).isTrue();
      assertThat(command.getReason()).isEqualTo(
          "1 ready task waited 5 s at site \"gpu\", which has no live executor (executorWaitLimitMs 5000)");
    });
  }

  @Test
  void shouldCountFromWhenTheSiteLastHadAnExecutor() {
    runningJobWaitingForGpu("j1", 5_000L, 4_000);

    now.set(60_000);
    assertThat(limits(gpuDown(56_000), null).check()).as("the executor went 4 s ago").isEmpty();
    assertThat(limits(gpuDown(55_000), null).check()).containsExactly("j1");
  }

  @Test
  void shouldApplyTheGatewayDefaultOnlyToJobsWithoutTheirOwnLimit() {
    runningJobWaitingForGpu("own", 60_000L, 1_000);
    runningJobWaitingForGpu("default", null, 1_000);
    now.set(32_000);

    assertThat(limits(gpuDown(0), null).check()).as("no default: jobs without a limit wait").isEmpty();
    assertThat(limits(gpuDown(0), Duration.ofSeconds(30)).check()).containsExactly("default");
  }

  @Test
  void shouldLeaveJobsAloneWhileTheirSiteHasALiveExecutor() {
    runningJobWaitingForGpu("j1", 1_000L, 1_000);
    now.set(1_000_000);

    assertThat(limits(ExecutorPresence.EVERYWHERE, null).check()).isEmpty();
    assertThat(sent).isEmpty();
  }

  private ExecutorWaitLimits limits(ExecutorPresence presence, Duration defaultLimit) {
    return new ExecutorWaitLimits(views, new JobQueryService(views, null, presence),
        new JobCancellationService(publisher, views, Clock.systemUTC()), defaultLimit, now::get);
  }

  private void runningJobWaitingForGpu(String jobId, Long limitMs, long readyAt) {
    views.applyJobStatus(jobId, JobStatusChanged.newBuilder(status(jobId, JobState.RUNNING, 1_000))
        .setCounts(TaskCounts.newBuilder().setReady(1).setSucceeded(1).build()).setExecutorWaitLimitMs(limitMs).build());
    views.applyPartitionStatus(jobId + "/0", partition(jobId, 0, task("prep", TaskState.SUCCEEDED),
        TaskStatusEntry.newBuilder(task("train", TaskState.READY)).setQueueSite("gpu").setReadyAt(readyAt).build()));
  }
}
