package io.dagline.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * A steady load: small jobs arrive at a constant rate of {@code dagline.jobsPerSecond} (default 2) for
 * {@code dagline.durationSeconds} (default 60), whether or not earlier jobs are done (open model). Each
 * job is a seeded random DAG of {@code dagline.minTasks}–{@code dagline.maxTasks} no-op tasks (default
 * 10–100), polled every {@code dagline.pollMillis} (200) for at most {@code dagline.maxJobSeconds} (120).
 *
 * <p>Fails when more than {@code dagline.maxErrorPercent} (1) of the POSTs, polls or jobs fail, or when
 * the p95 of the end-to-end job latency exceeds {@code dagline.p95Millis} (10000). A summary per DAG
 * shape is printed at the end.
 */
public class SteadyLoadSimulation extends Simulation {

  static final String JOB = "job";

  double jobsPerSecond = LoadSettings.decimal("dagline.jobsPerSecond", 2.0);
  int durationSeconds = LoadSettings.integer("dagline.durationSeconds", 60);
  int minTasks = LoadSettings.integer("dagline.minTasks", 10);
  int maxTasks = LoadSettings.integer("dagline.maxTasks", 100);
  Duration poll = LoadSettings.pollInterval(200);
  Duration maxJob = LoadSettings.maxJobDuration(120);
  int p95Millis = LoadSettings.integer("dagline.p95Millis", 10_000);
  double maxErrorPercent = LoadSettings.maxErrorPercent();

  DagShapes shapes = new DagShapes(LoadSettings.seed());
  JobOutcomes outcomes = new JobOutcomes();

  ScenarioBuilder steady = scenario("steady load")
      .feed(JobFlow.feeder(() -> shapes.nextSmall(minTasks, maxTasks)))
      .exec(JobFlow.submitAndAwait(JOB, poll, maxJob, outcomes))
      .exec(JobFlow.checkLatency(p95Millis));

  {
    setUp(steady.injectOpen(constantUsersPerSec(jobsPerSecond).during(Duration.ofSeconds(durationSeconds))))
        .protocols(JobFlow.protocol())
        .maxDuration(Duration.ofSeconds(durationSeconds).plus(maxJob).plusSeconds(60))
        .assertions(
            // error rate: failed POSTs, failed status polls, and jobs that failed or did not finish in time
            details(JOB, JobFlow.SUBMIT).failedRequests().percent().lt(maxErrorPercent),
            details(JOB, JobFlow.POLL).failedRequests().percent().lt(maxErrorPercent),
            details(JOB).failedRequests().percent().lt(maxErrorPercent),
            // p95 of the end-to-end job latency <= bound, i.e. at most 5% of the jobs above it (see JobFlow)
            details(JobFlow.latencyCheckName(p95Millis)).failedRequests().percent().lte(5.0));
  }

  @Override
  public void after() {
    outcomes.printSummary(getClass().getSimpleName());
  }
}
