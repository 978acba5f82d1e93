package io.dagline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.gateway.api.JobListResponse;
import io.dagline.gateway.api.JobStatusResponse;
import io.dagline.gateway.api.TaskDetailResponse;
import io.dagline.schemas.AttemptSummary;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskCounts;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.TaskStatusEntry;
import io.dagline.serde.DaglineSchemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobListingTest {

  static {
    DaglineSchemas.trustGeneratedClasses();
  }

  private final StatusViews views = new StatusViews();
  private final JobQueryService queries = new JobQueryService(views);

  @Test
  void shouldGiveJobsSubmittedWithoutAuthenticationToTheConfiguredOwnerOnly() {
    views.applyJobStatus("before-auth", job("before-auth", 1_000, null, null));
    views.applyJobStatus("alices", job("alices", 2_000, null, "alice"));
    JobQueryService owned = new JobQueryService(views, "admin");

    assertThat(owned.visibleJob("before-auth", "admin").getJobId()).isEqualTo("before-auth");
    assertThat(ids(owned.jobs(JobQueryService.JobFilter.none(), null, null, "admin"))).containsExactly("before-auth");
    assertThatThrownBy(() -> owned.visibleJob("before-auth", "alice")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> owned.visibleJob("alices", "admin")).as("the owner sees no other tenant's jobs")
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> queries.visibleJob("before-auth", "admin")).as("no owner configured: nobody")
        .isInstanceOf(ApiException.class);
    assertThat(queries.visibleJob("before-auth", null).getJobId()).as("authentication off: everyone").isEqualTo("before-auth");
  }

  @Test
  void shouldPageNewestFirstAndNotRepeatOrSkipWhenNewerJobsArrive() {
    for (int i = 0; i < 5; i++) {
      views.applyJobStatus("j" + i, job("j" + i, 1_000 + i, null, null));
    }
    views.applyJobStatus("same-time-b", job("same-time-b", 1_002, null, null));

    List<String> seen = new ArrayList<>();
    JobListResponse page = queries.jobs(JobQueryService.JobFilter.none(), "2", null, null);
    seen.addAll(ids(page));
    views.applyJobStatus("newer", job("newer", 9_000, null, null));
    while (page.nextCursor() != null) {
      page = queries.jobs(JobQueryService.JobFilter.none(), "2", page.nextCursor(), null);
      seen.addAll(ids(page));
    }
    assertThat(seen).containsExactly("j4", "j3", "same-time-b", "j2", "j1", "j0");
  }

  @Test
  void shouldKeepAJobInPlaceWhenItsStatusChangesAndForgetItOnATombstone() {
    views.applyJobStatus("a", job("a", 1_000, null, null));
    views.applyJobStatus("b", job("b", 2_000, null, null));
    JobStatusChanged running = job("a", 1_000, null, null);
    running.setState(JobState.RUNNING);
    views.applyJobStatus("a", running);
    assertThat(ids(queries.jobs(JobQueryService.JobFilter.none(), null, null, null))).containsExactly("b", "a");
    views.applyJobStatus("b", null);
    assertThat(ids(queries.jobs(JobQueryService.JobFilter.none(), null, null, null))).containsExactly("a");
  }

  @Test
  void shouldShowOnlyTheTenantsJobs() {
    views.applyJobStatus("a", job("a", 1_000, null, "alice"));
    views.applyJobStatus("b", job("b", 2_000, null, "bob"));
    assertThat(ids(queries.jobs(JobQueryService.JobFilter.none(), null, null, "alice"))).containsExactly("a");
    assertThat(ids(queries.jobs(JobQueryService.JobFilter.none(), null, null, null))).containsExactly("b", "a");
    assertThatThrownBy(() -> queries.job("b", "alice")).isInstanceOf(ApiException.class)
        .hasMessageContaining("not known");
    assertThatThrownBy(() -> queries.tasks("b", null, null, null, "alice")).isInstanceOf(ApiException.class);
  }

  @Test
  void shouldListPreviousAttemptsThenTheCurrentOne() {
    TaskStatusEntry retried = TaskStatusEntry.newBuilder().setTaskId("t").setState(TaskState.FAILED).setAttempt(2)
        .setExecutorId("e2").setSite("s").setStartedAt(300L).setFinishedAt(400L).setError("second")
        .setPreviousAttempts(List.of(new AttemptSummary(1, "e1", "s", 100L, 200L, TaskState.FAILED, "first")))
        .build();
    views.applyJobStatus("job", job("job", 1, null, null));
    views.applyPartitionStatus("job/0", new PartitionStatus("job", 0, 500L, List.of(retried)));

    TaskDetailResponse task = queries.task("job", "t", null);
    assertThat(task.attempts()).extracting(a -> a.attempt() + ":" + a.executorId() + ":" + a.outcome() + ":" + a.error())
        .containsExactly("1:e1:FAILED:first", "2:e2:FAILED:second");
  }

  @Test
  void shouldRefuseACursorItDidNotHandOut() {
    assertThatThrownBy(() -> queries.jobs(JobQueryService.JobFilter.none(), null, "bm9wZQ", null))
        .isInstanceOf(ApiException.class).hasMessageContaining("cursor");
    views.applyJobStatus("job", job("job", 1, null, null));
    String taskCursor = Cursors.ofTask("t");
    assertThatThrownBy(() -> queries.jobs(JobQueryService.JobFilter.none(), null, taskCursor, null))
        .isInstanceOf(ApiException.class).hasMessageContaining("cursor");
  }

  private static List<String> ids(JobListResponse page) {
    return page.jobs().stream().map(JobStatusResponse::jobId).toList();
  }

  private static JobStatusChanged job(String id, long submittedAt, String pool, String tenant) {
    return JobStatusChanged.newBuilder().setJobId(id).setPool(pool).setTenant(tenant).setState(JobState.SUBMITTED)
        .setCounts(TaskCounts.newBuilder().build()).setSubmittedAt(submittedAt).setUpdatedAt(submittedAt).build();
  }
}
