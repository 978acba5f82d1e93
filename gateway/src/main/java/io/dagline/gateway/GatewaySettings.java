package io.dagline.gateway;

import io.dagline.core.validation.ValidationLimits;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.core.type.Argument;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gateway's own configuration (prefix {@code dagline.}), each value with its default. Limits
 * not configured keep the core's defaults.
 */
public record GatewaySettings(String bootstrapServers, long maxBodyBytes, Duration publishTimeout,
    ValidationLimits limits, Set<String> functions, Set<String> pools, Duration heartbeatLookback,
    Duration executorStaleAfter, Duration sseKeepAlive, Duration executorWaitLimit) {

  public static final String BOOTSTRAP_SERVERS = "dagline.kafka.bootstrap-servers";
  public static final String MAX_BODY_BYTES = "dagline.gateway.max-body-bytes";
  public static final String PUBLISH_TIMEOUT = "dagline.gateway.publish-timeout";
  public static final String LIMITS = "dagline.gateway.limits.";
  /**
   * The functions tasks may call whatever the executors announce (the built-in ones by default); besides
   * these, any function a live executor of the task's site announces in its heartbeats.
   */
  public static final String FUNCTIONS = "dagline.gateway.functions";
  /** The pools jobs and tasks may name (a job or task without a pool is always accepted). */
  public static final String POOLS = "dagline.gateway.pools";
  /** How far back before its start the gateway reads executor heartbeats. */
  public static final String HEARTBEAT_LOOKBACK = "dagline.gateway.heartbeat-lookback";
  /** An executor without a heartbeat for this long is shown as not alive (and left out of the sites). */
  public static final String EXECUTOR_STALE_AFTER = "dagline.gateway.executor-stale-after";
  /**
   * How long a ready task of a job without its own {@code executorWaitLimitMs} may wait at a site with no live
   * executor before the job fails; unset: such jobs wait.
   */
  public static final String EXECUTOR_WAIT_LIMIT = "dagline.gateway.executor-wait-limit";
  /** How often an idle event stream gets a keep-alive comment. */
  public static final String SSE_KEEP_ALIVE = "dagline.gateway.sse-keep-alive";
  public static final List<String> DEFAULT_FUNCTIONS = List.of("noop", "sleep", "fail", "replay", "command", "http");
  public static final List<String> DEFAULT_POOLS = List.of("default");

  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:19092";
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

  public static GatewaySettings from(PropertyResolver properties) {
    ValidationLimits defaults = ValidationLimits.defaults();
    ValidationLimits limits = new ValidationLimits(
        properties.get(LIMITS + "max-tasks", Integer.class, defaults.maxTasks()),
        properties.get(LIMITS + "max-dependencies-per-task", Integer.class, defaults.maxDependenciesPerTask()),
        properties.get(LIMITS + "max-args-bytes-per-task", Integer.class, defaults.maxArgsBytesPerTask()),
        properties.get(LIMITS + "max-cpu", Double.class, defaults.maxCpu()),
        properties.get(LIMITS + "max-memory-mb", Long.class, defaults.maxMemoryMb()),
        properties.get(LIMITS + "max-attempts", Integer.class, defaults.maxAttempts()));
    return new GatewaySettings(
        properties.get(BOOTSTRAP_SERVERS, String.class, DEFAULT_BOOTSTRAP_SERVERS),
        properties.get(MAX_BODY_BYTES, Long.class, DEFAULT_MAX_BODY_BYTES),
        properties.get(PUBLISH_TIMEOUT, Duration.class, Duration.ofSeconds(15)),
        limits,
        names(properties, FUNCTIONS, DEFAULT_FUNCTIONS),
        names(properties, POOLS, DEFAULT_POOLS),
        properties.get(HEARTBEAT_LOOKBACK, Duration.class, Duration.ofMinutes(2)),
        properties.get(EXECUTOR_STALE_AFTER, Duration.class, Duration.ofSeconds(30)),
        properties.get(SSE_KEEP_ALIVE, Duration.class, JobEventStreams.DEFAULT_KEEP_ALIVE),
        properties.get(EXECUTOR_WAIT_LIMIT, Duration.class).orElse(null));
  }

  /** A list property, given as a YAML list or a comma-separated string. */
  private static Set<String> names(PropertyResolver properties, String name, List<String> fallback) {
    List<String> values = properties.get(name, Argument.listOf(String.class)).orElse(fallback);
    Set<String> names = new TreeSet<>();
    for (String value : values) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          names.add(part.trim());
        }
      }
    }
    return Set.copyOf(names);
  }
}
