package io.dagline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands against a canned gateway: arguments, requests sent, output and exit codes. */
class DaglineCliTest {

  private static final String RUNNING_JOB = """
      {"jobId":"j1","name":"diamond","pool":"default","state":"RUNNING","taskCount":4,"partitionCount":1,
       "counts":{"waiting":1,"ready":0,"running":1,"succeeded":2,"failed":0,"skipped":0,"cancelled":0},
       "submittedAt":"2026-11-22T04:00:00Z","startedAt":"2026-11-22T04:00:01Z","finishedAt":null,
       "updatedAt":"2026-11-22T04:00:02Z","failedTaskId":null,"failedAttempts":null,"lastError":null,
       "cancelRequestedAt":null,"problems":[]}""";

  @TempDir
  Path dir;

  private CannedGateway gateway;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    gateway = new CannedGateway();
    env = Map.of("DAGLINE_URL", gateway.uri().toString());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void shouldTakeTheGatewayFromDaglineUrlAndShowAStatusTable() {
    gateway.answer("GET", "/v1/jobs/j1", 200, RUNNING_JOB);

    CliRun run = CliRun.run(env, "status", "j1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("State      RUNNING").contains("Tasks      4 in 1 partition")
        .contains("running 1  succeeded 2").doesNotContain("Finished");
    assertThat(gateway.requests()).singleElement().satisfies(request -> {
      assertThat(request.uri()).isEqualTo("/v1/jobs/j1");
      assertThat(request.authorization()).as("no token, no header").isNull();
    });
  }

  @Test
  void shouldAcceptUrlAndTokenBeforeOrAfterTheCommandAndPreferThemToTheEnvironment() {
    gateway.answer("GET", "/v1/jobs/j1", 200, RUNNING_JOB);
    Map<String, String> elsewhere = Map.of("DAGLINE_URL", "http://127.0.0.1:1", "DAGLINE_TOKEN", "from-env");

    CliRun before = CliRun.run(elsewhere, "--url", gateway.uri().toString(), "--token", "t0ken", "status", "j1", "--json");
    CliRun after = CliRun.run(elsewhere, "status", "j1", "--url", gateway.uri().toString());

    assertThat(before.exitCode()).isZero();
    assertThat(before.out()).contains("\"jobId\" : \"j1\"");
    assertThat(after.exitCode()).isZero();
    assertThat(gateway.requests()).extracting(CannedGateway.Request::authorization)
        .containsExactly("Bearer t0ken", "Bearer from-env");
  }

  @Test
  void shouldExitWithTheAuthCodeWhenTheGatewayWantsAToken() {
    gateway.answer("GET", "/v1/jobs/j1", 401, "{\"error\":\"UNAUTHORIZED\",\"message\":\"a bearer token is required\"}");

    CliRun run = CliRun.run(env, "status", "j1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(run.err()).contains("UNAUTHORIZED: a bearer token is required");
  }

  @Test
  void shouldExitWithNotFoundForAnUnknownJob() {
    CliRun run = CliRun.run(env, "cancel", "nope");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(gateway.requests()).singleElement().extracting(CannedGateway.Request::method).isEqualTo("DELETE");
  }

  @Test
  void shouldPrintATasksResultAsItIsOrTheUriOfAReference() {
    gateway.answer("GET", "/v1/jobs/j1/tasks/sum", 200,
        "{\"jobId\":\"j1\",\"id\":\"sum\",\"state\":\"SUCCEEDED\",\"result\":\"42\",\"resultRef\":null}");
    gateway.answer("GET", "/v1/jobs/j1/tasks/big", 200, "{\"jobId\":\"j1\",\"id\":\"big\",\"state\":\"SUCCEEDED\","
        + "\"result\":null,\"resultRef\":{\"uri\":\"s3://bucket/out.parquet\",\"sizeBytes\":1048576,\"site\":\"eu\"}}");
    gateway.answer("GET", "/v1/jobs/j1/tasks/later", 200,
        "{\"jobId\":\"j1\",\"id\":\"later\",\"state\":\"RUNNING\",\"result\":null,\"resultRef\":null}");

    CliRun sum = CliRun.run(env, "result", "j1", "sum");
    CliRun big = CliRun.run(env, "result", "j1", "big");
    CliRun later = CliRun.run(env, "result", "j1", "later");

    assertThat(sum.exitCode()).isZero();
    assertThat(sum.out()).isEqualTo("42" + System.lineSeparator());
    assertThat(big.out().strip()).isEqualTo("s3://bucket/out.parquet");
    assertThat(big.err()).contains("1048576 bytes at site eu");
    assertThat(later.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(later.out()).isEmpty();
    assertThat(later.err()).contains("task later has no result: it is RUNNING");
  }

  @Test
  void shouldTellACancellationFromAJobAlreadyFinished() {
    gateway.answer("DELETE", "/v1/jobs/j1", 202, RUNNING_JOB);
    gateway.answer("DELETE", "/v1/jobs/j2", 200, RUNNING_JOB.replace("\"RUNNING\"", "\"SUCCEEDED\""));

    assertThat(CliRun.run(env, "cancel", "j1").out()).contains("cancelling job j1 (was RUNNING)");
    assertThat(CliRun.run(env, "cancel", "j2").out()).contains("job j2 had already finished: SUCCEEDED");
  }

  @Test
  void shouldSendAWfFormatFileWithItsContentTypeAndPrintTheJobId() throws Exception {
    Path file = Files.writeString(dir.resolve("wf.json"),
        "{\"name\":\"w\",\"schemaVersion\":\"1.5\",\"workflow\":{\"specification\":{\"tasks\":[]}}}");
    gateway.answer("POST", "/v1/jobs", 202, "{\"jobId\":\"wf-1\",\"state\":\"SUBMITTED\",\"links\":{}}");

    CliRun detected = CliRun.run(env, "submit", file.toString());
    CliRun forced = CliRun.run(env, "submit", "--format", "json", file.toString());

    assertThat(detected.exitCode()).isZero();
    assertThat(detected.out()).isEqualTo("wf-1" + System.lineSeparator());
    assertThat(gateway.requests()).extracting(CannedGateway.Request::contentType)
        .containsExactly("application/wfformat+json", "application/json");
    assertThat(gateway.requests().get(0).body()).contains("schemaVersion");
    assertThat(forced.exitCode()).isZero();
  }

  @Test
  void shouldPostAJobAgainUnderTheSameIdempotencyKeyWhileTheGatewayAnswers503() throws Exception {
    Path file = Files.writeString(dir.resolve("job.json"), "{\"tasks\":[]}");
    String unavailable = "{\"error\":\"KAFKA_UNAVAILABLE\",\"message\":\"job j1 could not be published; try again later\"}";
    gateway.answerOnce("POST", "/v1/jobs", 503, unavailable).answerOnce("POST", "/v1/jobs", 503, unavailable)
        .answer("POST", "/v1/jobs", 202, "{\"jobId\":\"j1\",\"state\":\"SUBMITTED\",\"links\":{}}");

    CliRun run = CliRun.run(env, "submit", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("j1" + System.lineSeparator());
    assertThat(run.err()).contains("the gateway cannot take the job yet (job j1 could not be published; try again later)");
    assertThat(gateway.requests()).hasSize(3).extracting(CannedGateway.Request::idempotencyKey).doesNotContainNull()
        .containsOnly(gateway.requests().get(0).idempotencyKey());
  }

  @Test
  void shouldGiveUpOnA503WhenToldNotToRetry() throws Exception {
    Path file = Files.writeString(dir.resolve("job.json"), "{\"tasks\":[]}");
    gateway.answer("POST", "/v1/jobs", 503, "{\"error\":\"KAFKA_UNAVAILABLE\",\"message\":\"try again later\"}");

    CliRun run = CliRun.run(env, "submit", "--retry-for", "0", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.GATEWAY_ERROR);
    assertThat(run.err()).contains("try again later").doesNotContain("trying again");
    assertThat(gateway.requests()).hasSize(1);
  }

  @Test
  void shouldListTheGatewaysProblemsAndExitRejectedForAnInvalidJob() throws Exception {
    Path file = Files.writeString(dir.resolve("cycle.json"), "{\"tasks\":[]}");
    gateway.answer("POST", "/v1/jobs", 400, """
        {"error":"INVALID_JOB","message":"cycle: a -> b -> a","problems":[
          {"code":"CYCLE","message":"cycle: a -> b -> a","taskId":null,"dependency":null,"cycle":["a","b","a"]}]}""");

    CliRun run = CliRun.run(env, "submit", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
    assertThat(run.err()).contains("INVALID_JOB: cycle: a -> b -> a").contains("  - cycle: a -> b -> a");
  }

  @Test
  void shouldWatchAJobToItsEndAndExitByItsState() throws Exception {
    Path file = Files.writeString(dir.resolve("job.json"), "{\"tasks\":[]}");
    gateway.answer("POST", "/v1/jobs", 202, "{\"jobId\":\"j1\",\"state\":\"SUBMITTED\",\"links\":{}}");

    gateway.answer("GET", "/v1/jobs/j1", 200, RUNNING_JOB.replace("\"RUNNING\"", "\"SUCCEEDED\""));
    CliRun succeeded = CliRun.run(env, "submit", "--watch", file.toString());
    gateway.answer("GET", "/v1/jobs/j1", 200, RUNNING_JOB.replace("\"RUNNING\"", "\"FAILED\"")
        .replace("\"lastError\":null", "\"lastError\":\"boom\""));
    CliRun failed = CliRun.run(env, "submit", "-w", file.toString());
    gateway.answer("GET", "/v1/jobs/j1", 200, RUNNING_JOB.replace("\"RUNNING\"", "\"CANCELLED\""));
    CliRun cancelled = CliRun.run(env, "submit", "--watch", file.toString());

    assertThat(succeeded.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(succeeded.err()).contains("2/4 done").contains("SUCCEEDED");
    assertThat(failed.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
    assertThat(failed.err()).contains("job j1 FAILED: boom");
    assertThat(cancelled.exitCode()).isEqualTo(ExitCodes.JOB_CANCELLED);
  }

  @Test
  void shouldListJobsAsATableAndTellHowToGetTheNextPage() {
    gateway.answer("GET", "/v1/jobs", 200, "{\"jobs\":[" + RUNNING_JOB + ","
        + RUNNING_JOB.replace("\"j1\"", "\"j2\"").replace("\"diamond\"", "\"other\"") + "],\"nextCursor\":\"c-2\"}");

    CliRun run = CliRun.run(env, "jobs", "--state", "running", "--limit", "2");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines()).hasSize(3);
    assertThat(run.out().lines().findFirst()).hasValueSatisfying(header -> assertThat(header)
        .startsWith("JOB").contains("STATE").contains("DONE").endsWith("NAME"));
    assertThat(run.out()).contains("j1   RUNNING  2/4   0       2026-11-22T04:00:00Z  diamond");
    assertThat(run.err()).contains("more: dagline jobs --cursor c-2 --state running --limit 2");
    assertThat(gateway.requests()).singleElement().extracting(CannedGateway.Request::uri)
        .isEqualTo("/v1/jobs?state=RUNNING&limit=2");
  }

  @Test
  void shouldPassTheCursorAndPrintJsonWhenAsked() {
    gateway.answer("GET", "/v1/jobs", 200, "{\"jobs\":[],\"nextCursor\":null}");

    CliRun run = CliRun.run(env, "jobs", "--cursor", "c-2", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"jobs\" : [ ]");
    assertThat(run.err()).isEmpty();
    assertThat(gateway.requests().get(0).uri()).isEqualTo("/v1/jobs?cursor=c-2");
  }

  @Test
  void shouldExitWithTheUsageCodeForBadArguments() {
    assertThat(CliRun.run(env, "status").exitCode()).as("missing id").isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.run(env, "frobnicate").exitCode()).as("unknown command").isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.run(env, "submit", "--format", "yaml", "x.json").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.run(env, "jobs", "--limit", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.run(env, "jobs", "--limit", "many").exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun missingFile = CliRun.run(env, "submit", dir.resolve("missing.json").toString());
    assertThat(missingFile.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missingFile.err()).contains("cannot read");
    assertThat(CliRun.run(env, "--url", "not a url", "status", "j1").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(gateway.requests()).as("nothing sent").isEmpty();
  }

  @Test
  void shouldExitUnreachableWhenNothingListens() {
    CliRun run = CliRun.run(Map.of("DAGLINE_URL", "http://127.0.0.1:1"), "status", "j1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err()).contains("no answer from the gateway at http://127.0.0.1:1/");
  }

  @Test
  void shouldExitWithTheGatewayErrorCodeForA5xx() {
    gateway.answer("GET", "/v1/jobs/j1", 503, "service unavailable");

    CliRun run = CliRun.run(env, "status", "j1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.GATEWAY_ERROR);
    assertThat(run.err()).contains("HTTP 503: service unavailable");
  }

  @Test
  void shouldPrintUsageWithTheExitCodes() {
    CliRun run = CliRun.run(env, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("submit").contains("status").contains("cancel").contains("jobs")
        .contains("Exit codes:").contains("7   the gateway is unreachable");
  }
}
