package io.dagline.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicBoolean ready = new AtomicBoolean();
  private MetricsServer server;

  @BeforeEach
  void start() {
    server = MetricsServer.start("127.0.0.1", 0, registry, () -> Health.up("running"),
        () -> ready.get() ? Health.up("RUNNING") : Health.down("REBALANCING"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldServeTheRegistryInThePrometheusTextFormat() throws Exception {
    registry.counter("dagline.test.things", "kind", "a").increment(3);

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body()).contains("dagline_test_things_total{kind=\"a\"} 3.0");
  }

  @Test
  void shouldAnswerReadinessWith503UntilTheCheckIsUp() throws Exception {
    HttpResponse<String> notReady = get("/health/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("DOWN REBALANCING\n");

    ready.set(true);

    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(get("/health/live").body()).isEqualTo("UP running\n");
  }

  @Test
  void shouldReportAFailingCheckAsDown() throws Exception {
    server.close();
    server = MetricsServer.start("127.0.0.1", 0, registry, () -> {
      throw new IllegalStateException("boom");
    }, () -> Health.up(""));

    HttpResponse<String> live = get("/health/live");

    assertThat(live.statusCode()).isEqualTo(503);
    assertThat(live.body()).contains("boom");
  }

  @Test
  void shouldRefuseOtherMethods() throws Exception {
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.uri().resolve("/metrics"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(post.statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = server.uri().resolve(path);
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
