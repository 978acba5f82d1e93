package io.dagline.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The gateway as a component to embed: starts a Micronaut context with its HTTP server and stops
 * both on {@link #close()}.
 *
 * <p>Properties override {@code application.yml}; the common ones are
 * {@code dagline.kafka.bootstrap-servers} and {@code micronaut.server.port} (0 or -1: a free port,
 * which {@link #port()} then reports).
 */
public final class GatewayServer implements AutoCloseable {

  private static final String PORT = "micronaut.server.port";

  private final ApplicationContext context;
  private final EmbeddedServer server;

  private GatewayServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  public static GatewayServer start(Map<String, Object> properties) {
    Map<String, Object> effective = new HashMap<>(properties);
    Object port = effective.get(PORT);
    if (port != null && "0".equals(port.toString().trim())) {
      effective.put(PORT, -1); // Micronaut's spelling of "any free port"
    }
    ApplicationContext context = ApplicationContext.builder().properties(effective).build();
    try {
      context.start();
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      return new GatewayServer(context, server);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /**
   * Waits until the gateway reports itself ready (see {@link StatusViewReadiness}): submissions made
   * before may be refused with 503 while Kafka is still setting up.
   *
   * @throws IllegalStateException if it is not ready within the timeout
   */
  public void awaitReady(Duration timeout) {
    StatusViewReadiness readiness = context.getBean(StatusViewReadiness.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    HealthResult last = null;
    while (System.nanoTime() < deadline) {
      last = Mono.from(readiness.getResult()).block();
      if (last != null && HealthStatus.UP.equals(last.getStatus())) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the gateway to be ready", e);
      }
    }
    throw new IllegalStateException("the gateway is not ready after " + timeout + ": "
        + (last == null ? "no answer" : last.getDetails()));
  }

  public int port() {
    return server.getPort();
  }

  public URI uri() {
    return server.getURI();
  }

  public ApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    if (server.isRunning()) {
      server.stop();
    }
    if (context.isRunning()) {
      context.close();
    }
  }
}
