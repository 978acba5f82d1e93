package io.dagline.loadtest.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Locale;

/**
 * Large DAGs, one after the other: {@code dagline.largeJobs} (default 1) jobs of
 * {@code dagline.largeTasks} no-op tasks (default 10,000; 100,000 is the gateway's limit) in
 * {@code dagline.largeDepth} layers (default 20) with local dependencies, each polled every
 * {@code dagline.pollMillis} (default 1000) for at most {@code dagline.maxJobSeconds} (default 900).
 * The group {@code large job} is the time from the POST until the client sees SUCCEEDED; the request
 * {@code submit job} is the time the gateway takes to accept the job. Each job's final status (with the
 * scheduler's own submitted/started/finished timestamps) is printed.
 *
 * <p>Fails when any request or job fails (more than {@code dagline.maxErrorPercent}, default 1), or
 * when a job takes longer than {@code dagline.largeMaxMillis} (default: the poll limit).
 */
public class LargeDagSimulation extends Simulation {

  static final String JOB = "large job";

  int tasks = LoadSettings.integer("dagline.largeTasks", 10_000);
  int depth = LoadSettings.integer("dagline.largeDepth", 20);
  int jobs = LoadSettings.integer("dagline.largeJobs", 1);
  Duration poll = LoadSettings.pollInterval(1_000);
  Duration maxJob = LoadSettings.maxJobDuration(900);
  int maxMillis = LoadSettings.integer("dagline.largeMaxMillis", (int) maxJob.toMillis());
  double maxErrorPercent = LoadSettings.maxErrorPercent();

  DagShapes shapes = new DagShapes(LoadSettings.seed());

  ScenarioBuilder large = scenario("large DAG")
      .repeat(jobs).on(
          feed(JobFlow.feeder(() -> shapes.nextLarge(tasks, depth))),
          exec(JobFlow.submitAndAwait(JOB, poll, maxJob)),
          exec(session -> {
            System.out.printf(Locale.ROOT, "%nlarge job %s (%d tasks, %s): client saw %s after %.1f s; final status: %s%n%n",
                session.getString("jobId"), session.getInt("taskCount"), session.getString("shape"),
                session.getString("state"), session.getLong("clientMillis") / 1e3, session.getString("lastStatus"));
            return session.remove("jobJson");
          }));

  {
    setUp(large.injectOpen(atOnceUsers(1)))
        .protocols(JobFlow.protocol())
        .maxDuration(maxJob.multipliedBy(jobs).plusSeconds(120))
        .assertions(
            global().failedRequests().percent().lt(maxErrorPercent),
            details(JOB).failedRequests().percent().lt(maxErrorPercent),
            details(JOB).responseTime().max().lt(maxMillis));
  }
}
