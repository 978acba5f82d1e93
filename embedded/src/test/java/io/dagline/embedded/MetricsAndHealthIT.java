package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dagline.executor.ExecutorOptions;
import io.dagline.executor.FunctionRegistry;
import io.dagline.executor.TaskExecutor;
import io.dagline.executor.metrics.ExecutorMonitoring;
import io.dagline.observability.MetricsServer;
import io.dagline.scheduler.SchedulerRuntime;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.scheduler.metrics.SchedulerMonitoring;
import io.dagline.testkit.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduler and an executor with their metrics servers on a real broker: the counters Prometheus
 * scrapes follow a job to its end, and both answer ready.
 */
class MetricsAndHealthIT {

  private static final int TASKS = 100;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  static Path dataDir;

  private static KafkaTestCluster kafka;
  private static DaglineStack gatewayOnly;
  private static SchedulerMonitoring schedulerMonitoring;
  private static SchedulerRuntime scheduler;
  private static ExecutorMonitoring executorMonitoring;
  private static TaskExecutor executor;
  private static MetricsServer schedulerMetrics;
  private static MetricsServer executorMetrics;

  @BeforeAll
  static void startStack() {
    kafka = KafkaTestCluster.singleNode();
    // Topics and the gateway; the scheduler and the executor are started here, with their metrics.
    gatewayOnly = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1)
        .withExecutors(0, 1).withoutScheduler());
    schedulerMonitoring = new SchedulerMonitoring("scheduler-it");
    scheduler = SchedulerRuntime.start(SchedulerRuntime.Options.local(kafka.bootstrapServers(), dataDir.resolve("scheduler")),
        SchedulerSettings.defaults(), schedulerMonitoring.metrics());
    schedulerMetrics = schedulerMonitoring.serve(scheduler, "127.0.0.1", 0);
    executorMonitoring = new ExecutorMonitoring("executor-it", "default");
    executor = TaskExecutor.start(new ExecutorOptions("executor-it", "default", 4, 1.0, kafka.bootstrapServers(),
        Duration.ofMillis(500)), FunctionRegistry.load(), executorMonitoring.metrics());
    executorMetrics = executorMonitoring.serve(executor, "127.0.0.1", 0);
  }

  @AfterAll
  static void stopStack() {
    for (AutoCloseable component : new AutoCloseable[] {
        executorMonitoring, executor, schedulerMonitoring, scheduler, gatewayOnly, kafka}) {
      if (component != null) {
        try {
          component.close();
        } catch (Exception e) {
          System.err.println("could not stop " + component + ": " + e);
        }
      }
    }
  }

  @Test
  void shouldCountAJobsTasksThroughDispatchAndExecutionAndAnswerReady() throws Exception {
    await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
      assertThat(get(schedulerMetrics.uri(), "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(executorMetrics.uri(), "/health/ready").statusCode()).isEqualTo(200);
    });
    assertThat(get(schedulerMetrics.uri(), "/health/live").statusCode()).isEqualTo(200);
    assertThat(get(executorMetrics.uri(), "/health/live").statusCode()).isEqualTo(200);

    GatewayClient gateway = new GatewayClient(gatewayOnly.gatewayUri());
    gateway.submit(SampleDags.chainedFanOutFanIn("metrics-job", 1, "noop"));
    JobAssertions.awaitState(gateway, "metrics-job", "SUCCEEDED", Duration.ofMinutes(3));

    // Every task was dispatched, run and reported at least once (a redelivery may count one twice).
    await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
      String scheduler = scrape(schedulerMetrics);
      assertThat(sum(scheduler, "dagline_scheduler_tasks_dispatched_total")).isGreaterThanOrEqualTo(TASKS);
      assertThat(sum(scheduler, "dagline_scheduler_tasks_completed_total")).isGreaterThanOrEqualTo(TASKS);
      assertThat(sum(scheduler, "dagline_scheduler_dispatch_latency_seconds_count")).isGreaterThanOrEqualTo(TASKS);
      String executor = scrape(executorMetrics);
      assertThat(sum(executor, "dagline_executor_tasks_started_total")).isGreaterThanOrEqualTo(TASKS);
      assertThat(sum(executor, "dagline_executor_tasks_completed_total")).isGreaterThanOrEqualTo(TASKS);
      assertThat(sum(executor, "dagline_executor_task_duration_seconds_count")).isGreaterThanOrEqualTo(TASKS);
    });
    String scheduler = scrape(schedulerMetrics);
    String executor = scrape(executorMetrics);
    // Kept for whoever documents or dashboards the metrics: what a real scrape holds.
    Path samples = Files.createDirectories(Path.of("target", "metrics-samples"));
    Files.writeString(samples.resolve("scheduler.txt"), scheduler);
    Files.writeString(samples.resolve("executor.txt"), executor);
    assertThat(sum(scheduler, "dagline_scheduler_tasks_failed_total")).isZero();
    assertThat(sum(scheduler, "dagline_scheduler_ready_queue")).as("nothing left waiting").isZero();
    assertThat(sum(scheduler, "dagline_scheduler_store_entries")).as("the tasks store holds the job").isPositive();
    // Micrometer's Kafka binders look for metrics registered after binding (the stores' RocksDB ones) once a
    // minute, so a fast job can finish before the estimates are exported.
    await("RocksDB's key estimates exported").atMost(Duration.ofMinutes(3)).untilAsserted(() ->
        assertThat(scrape(schedulerMetrics)).as("Kafka Streams' own metrics, RocksDB's key estimates among them")
            .contains("kafka_stream_thread_process_total").contains("kafka_stream_state_estimate_num_keys"));
    assertThat(sum(executor, "dagline_executor_slots")).isEqualTo(4);
    assertThat(executor).as("the producers' and the share consumers' client metrics")
        .contains("kafka_producer_record_send_total").contains("kafka_share_");
  }

  private static String scrape(MetricsServer server) throws Exception {
    HttpResponse<String> metrics = get(server.uri(), "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics.body();
  }

  /** The sum of a metric's samples over all its label sets; NaN samples (a store not queryable) count as 0. */
  private static double sum(String exposition, String metric) {
    double sum = 0;
    boolean found = false;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
        found = true;
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        sum += Double.isNaN(value) ? 0 : value;
      }
    }
    assertThat(found).as(metric + " in\n" + exposition).isTrue();
    return sum;
  }

  private static HttpResponse<String> get(URI base, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
