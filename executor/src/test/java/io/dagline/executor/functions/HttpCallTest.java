package io.dagline.executor.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dagline.executor.FunctionResult;
import io.dagline.executor.PermanentFailureException;
import io.dagline.executor.TaskInvocation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCallTest {

  private HttpServer server;
  private final AtomicReference<String> lastBody = new AtomicReference<>();
  private String base;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fn/", exchange -> {
      lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/fn/".length()));
      byte[] answer = ("answer " + status).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fn/";
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void shouldPostTheTaskAndTakeTheBodyAsItsResult() throws Exception {
    FunctionResult result = call(base + "200", Map.of("up", FunctionResult.of("7")));

    assertThat(result.value()).isEqualTo("answer 200");
    assertThat(lastBody.get()).isEqualTo(
        "{\"jobId\":\"j\",\"taskId\":\"t\",\"attempt\":1,\"args\":{\"size\":\"3\"},\"inputs\":{\"up\":\"7\"}}");
  }

  @Test
  void shouldFailWithoutRetryOnA4xxAndWithRetryOnA5xx() {
    assertThatThrownBy(() -> call(base + "400", Map.of())).isInstanceOf(PermanentFailureException.class)
        .hasMessageContaining("HTTP 400").hasMessageContaining("answer 400");
    assertThatThrownBy(() -> call(base + "503", Map.of())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void shouldCallOnlyUnderAnAllowedBaseUrl() {
    assertThatThrownBy(() -> new HttpCall(List.of()).run(invocation(base + "200", Map.of())))
        .hasMessageContaining("http tasks are off").hasMessageContaining("DAGLINE_HTTP_ALLOWED");
    URI allowed = URI.create("http://127.0.0.1:8000/functions");
    assertThat(HttpCall.isUnder(URI.create("http://127.0.0.1:8000/functions/sum"), allowed)).isTrue();
    assertThat(HttpCall.isUnder(URI.create("http://127.0.0.1:8000/functions"), allowed)).isTrue();
    assertThat(HttpCall.isUnder(URI.create("http://127.0.0.1:8000/functions-other/x"), allowed)).isFalse();
    assertThat(HttpCall.isUnder(URI.create("http://127.0.0.1:8001/functions/sum"), allowed)).isFalse();
    assertThat(HttpCall.isUnder(URI.create("https://127.0.0.1:8000/functions/sum"), allowed)).isFalse();
    assertThat(HttpCall.isUnder(URI.create("http://127.0.0.1:8000/functions/../admin").normalize(), allowed)).isFalse();
    assertThat(HttpCall.isUnder(URI.create("http://user@127.0.0.1:8000/functions/x"), allowed)).isFalse();
  }

  private FunctionResult call(String url, Map<String, FunctionResult> inputs) throws Exception {
    return new HttpCall(List.of(URI.create(base))).run(invocation(url, inputs));
  }

  private static TaskInvocation invocation(String url, Map<String, FunctionResult> inputs) {
    return new TaskInvocation("j", "t", 1, Map.of("url", url, "size", "3"), inputs, 1.0, "executor-1");
  }
}
