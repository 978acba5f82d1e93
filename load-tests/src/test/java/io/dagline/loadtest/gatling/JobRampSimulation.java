package io.dagline.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * A ramp of job submissions: {@code dagline.users} virtual users (default 50) arrive evenly over
 * {@code dagline.rampSeconds} (default 30); each posts one small DAG of {@code dagline.minTasks}–
 * {@code dagline.maxTasks} no-op tasks (default 10–100, seeded random shape) and polls it every
 * {@code dagline.pollMillis} (default 200) until it is final, for at most {@code dagline.maxJobSeconds}
 * (default 120). The group {@code job} is the end-to-end job latency.
 *
 * <p>Fails when more than {@code dagline.maxErrorPercent} (default 1) of the requests or of the jobs
 * fail, or when the p95 of the job group exceeds {@code dagline.p95Millis} (default 10000).
 */
public class JobRampSimulation extends Simulation {

  static final String JOB = "job";

  int users = LoadSettings.integer("dagline.users", 50);
  int rampSeconds = LoadSettings.integer("dagline.rampSeconds", 30);
  int minTasks = LoadSettings.integer("dagline.minTasks", 10);
  int maxTasks = LoadSettings.integer("dagline.maxTasks", 100);
  Duration poll = LoadSettings.pollInterval(200);
  Duration maxJob = LoadSettings.maxJobDuration(120);
  int p95Millis = LoadSettings.integer("dagline.p95Millis", 10_000);
  double maxErrorPercent = LoadSettings.maxErrorPercent();

  DagShapes shapes = new DagShapes(LoadSettings.seed());

  ScenarioBuilder ramp = scenario("job ramp")
      .feed(JobFlow.feeder(() -> shapes.nextSmall(minTasks, maxTasks)))
      .exec(JobFlow.submitAndAwait(JOB, poll, maxJob));

  {
    setUp(ramp.injectOpen(rampUsers(users).during(Duration.ofSeconds(rampSeconds))))
        .protocols(JobFlow.protocol())
        // Every user ends by itself (bounded polling); this is only a backstop.
        .maxDuration(Duration.ofSeconds(rampSeconds).plus(maxJob).plusSeconds(60))
        .assertions(
            global().failedRequests().percent().lt(maxErrorPercent),
            details(JOB).failedRequests().percent().lt(maxErrorPercent),
            details(JOB).responseTime().percentile(95).lt(p95Millis));
  }
}
