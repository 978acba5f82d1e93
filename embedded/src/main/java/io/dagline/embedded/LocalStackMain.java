package io.dagline.embedded;

import io.dagline.executor.FunctionRegistry;
import io.dagline.executor.FunctionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default: a Kafka broker process, the scheduler, two executors and the gateway on
 * this machine. Data stays in {@code .dagline/} (or DAGLINE_DATA_DIR) across restarts. Ctrl-C
 * stops everything, the broker last.
 */
public final class LocalStackMain {

  private LocalStackMain() {}

  public static void main(String[] args) throws InterruptedException {
    long startedAt = System.nanoTime();
    Path dataDir = Path.of(env("DAGLINE_DATA_DIR", ".dagline"));
    Path brokerLib = Path.of(env("DAGLINE_KAFKA_LIB", "kafka-broker/target/lib"));
    int kafkaPort = Integer.parseInt(env("DAGLINE_KAFKA_PORT", "19092"));
    int gatewayPort = Integer.parseInt(env("DAGLINE_PORT", "8080"));

    KafkaBrokerProcess broker = KafkaBrokerProcess.start(brokerLib, dataDir.resolve("kafka"), kafkaPort, kafkaPort + 1,
        Duration.ofSeconds(90));
    System.out.printf("Kafka broker ready at %s%n", broker.bootstrapServers());
    DaglineStack stack;
    try {
      stack = DaglineStack.start(DaglineStack.Options.local(broker.bootstrapServers(), dataDir, gatewayPort)
          .withExecutors(Integer.parseInt(env("DAGLINE_EXECUTORS", "2")), Integer.parseInt(env("DAGLINE_SLOTS", "8"))));
    } catch (RuntimeException | Error e) {
      broker.close();
      throw e;
    }
    double seconds = (System.nanoTime() - startedAt) / 1e9;
    String launchedAt = System.getenv("DAGLINE_LAUNCHED_AT_MS");
    String sinceCommand = launchedAt == null ? ""
        : String.format(Locale.ROOT, "; %.1f s since the command, build included",
            (System.currentTimeMillis() - Long.parseLong(launchedAt)) / 1e3);
    FunctionSettings functions = FunctionSettings.fromEnvironment();
    System.out.printf(Locale.ROOT, "Executors run: %s; commands allowed: %s; HTTP base URLs allowed: %s%n",
        FunctionRegistry.load(functions).names(), functions.commandsAllowed().isEmpty() ? "none" : functions.commandsAllowed(),
        functions.httpAllowed().isEmpty() ? "none" : functions.httpAllowed());
    System.out.printf(Locale.ROOT, "Dagline gateway ready at %s (started in %.1f s%s). Ctrl-C stops.%n",
        stack.gatewayUri(), seconds, sinceCommand);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("Stopping Dagline...");
      stack.close();
      broker.close();
      System.out.println("Dagline stopped.");
      stopped.countDown();
    }, "dagline-shutdown"));
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
