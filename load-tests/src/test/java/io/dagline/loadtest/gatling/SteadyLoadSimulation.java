package io.dagline.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
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
 * <p>Fails when more than {@code dagline.maxErrorPercent} (1) of the requests or jobs fail, or when the
 * p95 of the end-to-end {@code job} group exceeds {@code dagline.p95Millis} (10000).
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

  ScenarioBuilder steady = scenario("steady load")
      .feed(JobFlow.feeder(() -> shapes.nextSmall(minTasks, maxTasks)))
      .exec(JobFlow.submitAndAwait(JOB, poll, maxJob));

  {
    setUp(steady.injectOpen(constantUsersPerSec(jobsPerSecond).during(Duration.ofSeconds(durationSeconds))))
        .protocols(JobFlow.protocol())
        .maxDuration(Duration.ofSeconds(durationSeconds).plus(maxJob).plusSeconds(60))
        .assertions(
            global().failedRequests().percent().lt(maxErrorPercent),
            details(JOB).failedRequests().percent().lt(maxErrorPercent),
            details(JOB).responseTime().percentile(95).lt(p95Millis));
  }
}
