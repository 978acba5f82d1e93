package io.dagline.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bin/dagline-cluster start|stop}: the multi-process local stack. Settings from the
 * environment: DAGLINE_CLUSTER_DIR (.dagline-cluster), DAGLINE_BROKERS (3), DAGLINE_SCHEDULERS (2),
 * DAGLINE_SITES ("default:2,remote:1" — site:executors), DAGLINE_SLOTS (8), DAGLINE_KAFKA_PORT
 * (26092: brokers on 26092…, the controller on 26192; below the ephemeral port range, where an outgoing
 * connection could hold it), DAGLINE_PORT (8080).
 */
public final class LocalClusterMain {

  private LocalClusterMain() {}

  public static void main(String[] args) throws InterruptedException {
    String command = args.length > 0 ? args[0] : "start";
    Path dir = Path.of(env("DAGLINE_CLUSTER_DIR", ".dagline-cluster"));
    switch (command) {
      case "start" -> {
        LocalCluster.Spec defaults = LocalCluster.Spec.defaults(dir);
        LocalCluster.Spec spec = new LocalCluster.Spec(dir,
            Integer.parseInt(env("DAGLINE_BROKERS", "3")),
            Integer.parseInt(env("DAGLINE_SCHEDULERS", "2")),
            sites(env("DAGLINE_SITES", "default:2,remote:1")),
            Integer.parseInt(env("DAGLINE_SLOTS", "8")),
            Integer.parseInt(env("DAGLINE_KAFKA_PORT", "26092")),
            Integer.parseInt(env("DAGLINE_PORT", "8080")),
            Path.of(env("DAGLINE_KAFKA_LIB", defaults.kafkaLib().toString())));
        LocalCluster.Running running = LocalCluster.start(spec);
        System.out.printf("Dagline cluster running: Kafka at %s, gateway at %s%nprocesses: %s%nlogs: %s%n",
            running.bootstrapServers(), running.gateway(), running.processes(), dir.resolve("logs").toAbsolutePath());
      }
      case "stop" -> System.out.println("stopped: " + LocalCluster.stop(dir));
      default -> {
        System.err.println("usage: dagline-cluster start|stop");
        System.exit(2);
      }
    }
  }

  static Map<String, Integer> sites(String spec) {
    Map<String, Integer> sites = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String[] siteAndCount = entry.trim().split(":");
      sites.put(siteAndCount[0], siteAndCount.length > 1 ? Integer.parseInt(siteAndCount[1]) : 1);
    }
    return sites;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
