package io.dagline.embedded;

import io.dagline.executor.ExecutorOptions;
import io.dagline.executor.FunctionRegistry;
import io.dagline.executor.FunctionSettings;
import io.dagline.executor.TaskExecutor;
import io.dagline.gateway.GatewayServer;
import io.dagline.scheduler.SchedulerRuntime;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicCreator;
import io.dagline.topics.TopicLayout;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Dagline's own components in one JVM against a running Kafka cluster: topics, one scheduler
 * instance (unless schedulers run elsewhere), executors and the gateway. Started in dependency order, stopped in reverse.
 */
public final class DaglineStack implements AutoCloseable {

  /** What to start. */
  public record Options(
      String bootstrapServers,
      Path dataDir,
      TopicLayout topics,
      String site,
      int executors,
      int slotsPerExecutor,
      int tasksPerPoll,
      int gatewayPort,
      SchedulerSettings scheduler,
      FunctionSettings functions) {

    /** The embedded default; executors run what DAGLINE_FUNCTIONS_DIR, DAGLINE_COMMANDS_ALLOWED and DAGLINE_HTTP_ALLOWED allow. */
    public static Options local(String bootstrapServers, Path dataDir, int gatewayPort) {
      return new Options(bootstrapServers, dataDir, TopicLayout.singleBroker(4), "default", 2, 8, 1, gatewayPort,
          SchedulerSettings.defaults(), FunctionSettings.fromEnvironment());
    }

    /** What the executors may run besides the built-in functions. */
    public Options withFunctions(FunctionSettings settings) {
      return new Options(bootstrapServers, dataDir, topics, site, executors, slotsPerExecutor, tasksPerPoll, gatewayPort,
          scheduler, settings);
    }

    public Options withExecutors(int count, int slots) {
      return withExecutors(count, slots, 1);
    }

    public Options withExecutors(int count, int slots, int tasksPerPoll) {
      return new Options(bootstrapServers, dataDir, topics, site, count, slots, tasksPerPoll, gatewayPort, scheduler,
          functions);
    }

    public Options withTopics(TopicLayout layout) {
      return new Options(bootstrapServers, dataDir, layout, site, executors, slotsPerExecutor, tasksPerPoll, gatewayPort,
          scheduler, functions);
    }

    /** Schedulers run elsewhere, e.g. as separate processes. */
    public Options withoutScheduler() {
      return withScheduler(null);
    }

    public Options withScheduler(SchedulerSettings settings) {
      return new Options(bootstrapServers, dataDir, topics, site, executors, slotsPerExecutor, tasksPerPoll, gatewayPort,
          settings, functions);
    }
  }

  /** How long a start may take for the gateway to accept jobs; a 2-core machine running a test suite needs seconds. */
  private static final Duration READY_WITHIN = Duration.ofMinutes(2);

  private final List<AutoCloseable> started = new ArrayList<>();
  private GatewayServer gateway;

  private DaglineStack() {}

  public static DaglineStack start(Options options) {
    DaglineStack stack = new DaglineStack();
    try {
      createTopics(options);
      if (options.scheduler() != null) {
        SchedulerRuntime.Options scheduler = new SchedulerRuntime.Options(options.bootstrapServers(),
            "dagline-scheduler", "scheduler", options.dataDir().resolve("scheduler"),
            options.topics().replicationFactor(), options.topics().replicationFactor() > 1 ? 1 : 0, true, 1,
            SchedulerRuntime.Failover.SAFE).withCommitInterval(commitInterval())
            .withDispatchBeforeCommit(!"transactional".equalsIgnoreCase(System.getenv("DAGLINE_DISPATCH")));
        stack.started.add(SchedulerRuntime.start(scheduler, options.scheduler()));
      }
      FunctionRegistry functions = FunctionRegistry.load(options.functions());
      for (int i = 1; i <= options.executors(); i++) {
        stack.started.add(TaskExecutor.start(new ExecutorOptions("executor-" + i, options.site(),
            options.slotsPerExecutor(), 1.0, options.bootstrapServers(), Duration.ofSeconds(1), options.tasksPerPoll()),
            functions));
      }
      stack.gateway = GatewayServer.start(Map.of(
          "dagline.kafka.bootstrap-servers", options.bootstrapServers(),
          "micronaut.server.host", "127.0.0.1",
          "micronaut.server.port", options.gatewayPort()));
      stack.started.add(stack.gateway);
      stack.gateway.awaitReady(READY_WITHIN);
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  /** DAGLINE_COMMIT_INTERVAL_MS, as the scheduler process reads it (so does DAGLINE_DISPATCH, above). */
  private static Duration commitInterval() {
    String millis = System.getenv("DAGLINE_COMMIT_INTERVAL_MS");
    return millis == null || millis.isBlank() ? SchedulerRuntime.Options.DEFAULT_COMMIT_INTERVAL
        : Duration.ofMillis(Long.parseLong(millis.trim()));
  }

  private static void createTopics(Options options) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers()))) {
      TopicCreator.createMissing(admin, DaglineTopics.newTopics(options.topics(), List.of(options.site())));
    }
  }

  public URI gatewayUri() {
    return gateway.uri();
  }

  public SchedulerRuntime scheduler() {
    return started.stream().filter(SchedulerRuntime.class::isInstance).map(SchedulerRuntime.class::cast)
        .findFirst().orElseThrow();
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        // Keep stopping the rest: one component's failure to stop must not leave others running.
        System.err.println("could not stop " + started.get(i) + ": " + e);
      }
    }
    started.clear();
  }
}
