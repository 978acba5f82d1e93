package io.dagline.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a process's Prometheus metrics and its health over plain HTTP:
 *
 * <ul>
 *   <li>{@code GET /metrics}: the registry in the Prometheus text format;
 *   <li>{@code GET /health/live}: 200 while the process can still do its work, 503 when only a restart helps;
 *   <li>{@code GET /health/ready}: 200 while it takes part in the work, 503 while it cannot (yet).
 * </ul>
 *
 * The JDK's own server is enough for a scrape every few seconds and brings no dependency into the
 * scheduler and the executors (see docs/decisions).
 */
public final class MetricsServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads;

  private MetricsServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Listens on {@code host:port} (port 0: any free port). */
  public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, HealthCheck liveness,
      HealthCheck readiness) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen for metrics on " + host + ":" + port, e);
    }
    server.createContext("/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, registry::scrape));
    server.createContext("/health/live", exchange -> answerHealth(exchange, liveness));
    server.createContext("/health/ready", exchange -> answerHealth(exchange, readiness));
    ExecutorService threads = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "dagline-metrics-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.start();
    LOG.info("metrics and health at http://{}:{}/metrics", host, server.getAddress().getPort());
    return new MetricsServer(server, threads);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI uri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  private static void answerHealth(HttpExchange exchange, HealthCheck check) throws IOException {
    Health health;
    try {
      health = check.check();
    } catch (RuntimeException e) {
      health = Health.down("health check failed: " + e);
    }
    String body = (health.up() ? "UP" : "DOWN") + " " + health.detail() + "\n";
    answer(exchange, health.up() ? 200 : 503, "text/plain; charset=utf-8", () -> body);
  }

  private static void answer(HttpExchange exchange, int status, String contentType, Supplier<String> body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
