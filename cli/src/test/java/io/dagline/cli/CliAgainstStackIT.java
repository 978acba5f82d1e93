package io.dagline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.embedded.DaglineStack;
import io.dagline.testkit.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dagline command against a real gateway, scheduler and executor on a real broker: what a user
 * types, what it prints, and the exit codes scripts see. ({@code jobs} is tested against a canned
 * gateway in {@link DaglineCliTest} until the gateway lists jobs.)
 */
class CliAgainstStackIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dataDir;

  @TempDir
  static Path files;

  private static KafkaTestCluster kafka;
  private static DaglineStack stack;
  private static Map<String, String> env;

  @BeforeAll
  static void startStack() {
    kafka = KafkaTestCluster.singleNode();
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1).withExecutors(1, 4));
    env = Map.of("DAGLINE_URL", stack.gatewayUri().toString());
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldSubmitAndWatchAJobToSuccessThenShowItsStatus() throws Exception {
    Path diamond = write("diamond.json", """
        {"id": "cli-diamond", "name": "diamond", "tasks": [
          {"id": "a", "function": "noop"},
          {"id": "b", "function": "sleep", "args": {"ms": "200"}, "dependencies": ["a"]},
          {"id": "c", "function": "noop", "dependencies": ["a"]},
          {"id": "d", "function": "noop", "dependencies": ["b", "c"]}]}""");

    CliRun submitted = CliRun.run(env, "submit", "--watch", "--interval", "200", diamond.toString());

    assertThat(submitted.exitCode()).as(submitted.err()).isEqualTo(ExitCodes.OK);
    assertThat(submitted.out().strip()).isEqualTo("cli-diamond");
    assertThat(submitted.err()).contains("4/4 done").contains("SUCCEEDED");

    CliRun status = CliRun.run(env, "status", "cli-diamond");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("State      SUCCEEDED").contains("succeeded 4");
    JsonNode raw = JSON.readTree(CliRun.run(env, "status", "--json", "cli-diamond").out());
    assertThat(raw.path("counts").path("succeeded").asInt()).isEqualTo(4);

    CliRun jobs = CliRun.run(env, "jobs", "--state", "SUCCEEDED");
    assertThat(jobs.exitCode()).as(jobs.err()).isZero();
    assertThat(jobs.out()).contains("cli-diamond");
    JsonNode listed = JSON.readTree(CliRun.run(env, "jobs", "--json", "--limit", "50").out());
    assertThat(listed.path("jobs").findValuesAsText("jobId")).contains("cli-diamond");
  }

  @Test
  void shouldExitJobFailedWhenTheWatchedJobFails() throws Exception {
    Path failing = write("failing.json", """
        {"id": "cli-failing", "tasks": [
          {"id": "x", "function": "fail", "args": {"message": "on purpose"}, "maxAttempts": 1},
          {"id": "y", "function": "noop", "dependencies": ["x"]}]}""");

    CliRun run = CliRun.run(env, "submit", "-w", "--interval", "200", failing.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.JOB_FAILED);
    assertThat(run.err()).contains("job cli-failing FAILED").contains("on purpose");
  }

  @Test
  void shouldCancelARunningJobAndExitCancelledForItsWatcher() throws Exception {
    Path slow = write("slow.json", """
        {"id": "cli-slow", "tasks": [
          {"id": "long", "function": "sleep", "args": {"ms": "120000"}},
          {"id": "after", "function": "noop", "dependencies": ["long"]}]}""");
    CompletableFuture<CliRun> watcher = CompletableFuture.supplyAsync(
        () -> CliRun.run(env, "submit", "--watch", "--interval", "200", slow.toString()));
    await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
        assertThat(CliRun.run(env, "status", "--json", "cli-slow").out()).contains("\"running\" : 1"));

    CliRun cancel = CliRun.run(env, "cancel", "cli-slow");

    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    assertThat(cancel.out()).contains("cancelling job cli-slow");
    CliRun watched = watcher.get(2, TimeUnit.MINUTES);
    assertThat(watched.exitCode()).as(watched.err()).isEqualTo(ExitCodes.JOB_CANCELLED);
    assertThat(CliRun.run(env, "cancel", "cli-slow").out()).contains("had already finished: CANCELLED");
  }

  @Test
  void shouldExitRejectedForAnInvalidJobAndNotFoundForAnUnknownOne() throws Exception {
    Path cycle = write("cycle.json", """
        {"tasks": [
          {"id": "a", "function": "noop", "dependencies": ["b"]},
          {"id": "b", "function": "noop", "dependencies": ["a"]}]}""");

    CliRun rejected = CliRun.run(env, "submit", cycle.toString());
    CliRun unknown = CliRun.run(env, "status", "no-such-job");

    assertThat(rejected.exitCode()).isEqualTo(ExitCodes.REJECTED);
    assertThat(rejected.err()).contains("cycle");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void shouldExitUnreachableWhenTheGatewayIsNotThere() {
    CliRun run = CliRun.run(Map.of(), "--url", "http://127.0.0.1:1", "status", "cli-diamond");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
  }

  private static Path write(String name, String content) throws Exception {
    return Files.writeString(files.resolve(name), content);
  }
}
