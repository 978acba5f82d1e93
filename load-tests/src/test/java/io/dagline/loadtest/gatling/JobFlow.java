package io.dagline.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every simulation does with one job, as a client would: POST it, then poll its status until it is
 * final, all inside one Gatling group, so the report's group statistics are end-to-end job latencies
 * (submit → SUCCEEDED seen by the client, with the poll interval as resolution), not POST latencies.
 */
final class JobFlow {

  static final String SUBMIT = "submit job";
  static final String POLL = "job status";
  static final String NOT_SUCCEEDED = "job did not succeed";

  private static final Set<String> FINAL_STATES = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "REJECTED");

  private JobFlow() {}

  static HttpProtocolBuilder protocol() {
    return http.baseUrl(LoadSettings.baseUrl())
        .acceptHeader("application/json")
        .disableWarmUp()
        .disableFollowRedirect()
        .disableCaching();
  }

  /** A feeder of jobs: each record holds {@code jobJson}, {@code jobName}, {@code shape} and {@code taskCount}. */
  static Iterator<Map<String, Object>> feeder(Supplier<DagShapes.Dag> jobs) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Map<String, Object> next() {
        DagShapes.Dag dag = jobs.get();
        Map<String, Object> record = new HashMap<>();
        record.put("jobJson", dag.json());
        record.put("jobName", dag.name());
        record.put("shape", dag.shape());
        record.put("taskCount", dag.taskCount());
        return record;
      }
    };
  }

  /**
   * Submits the fed job and waits for it inside group {@code groupName}. The group is KO when the POST
   * fails, when the job ends in another final state than SUCCEEDED, or when it is not final after
   * {@code maxWait}; the last two also show as a failed request named {@value #NOT_SUCCEEDED}, so the
   * error rate counts them. Requests per job are bounded by {@code maxWait / pollEvery + 2}.
   */
  static ChainBuilder submitAndAwait(String groupName, Duration pollEvery, Duration maxWait) {
    return group(groupName).on(
        exec(session -> session.set("state", "").set("submittedAtMs", System.currentTimeMillis()))
            .exec(http(SUBMIT).post("/v1/jobs")
                .body(StringBody(session -> session.getString("jobJson"))).asJson()
                .check(status().is(202), jsonPath("$.jobId").saveAs("jobId")))
            .exitHereIfFailed()
            .asLongAsDuring(session -> !FINAL_STATES.contains(session.getString("state")), maxWait).on(
                pause(pollEvery),
                exec(http(POLL).get("/v1/jobs/#{jobId}")
                    .check(status().is(200), jsonPath("$.state").saveAs("state"), bodyString().saveAs("lastStatus"))))
            .doIf(session -> !"SUCCEEDED".equals(session.getString("state"))).then(
                exec(http(NOT_SUCCEEDED).get("/v1/jobs/#{jobId}")
                    .check(status().is(200), jsonPath("$.state").is("SUCCEEDED")))))
        .exec(session -> session.set("clientMillis", System.currentTimeMillis() - session.getLong("submittedAtMs")));
  }
}
