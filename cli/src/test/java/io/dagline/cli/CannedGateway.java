package io.dagline.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server that answers each path with a canned status and body, and records what it was asked. */
final class CannedGateway implements AutoCloseable {

  record Answer(int status, String body) {}

  record Request(String method, String uri, String contentType, String authorization, String body,
      String idempotencyKey) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, Queue<Answer>> onceAnswers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  CannedGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"), body,
            exchange.getRequestHeaders().getFirst("Idempotency-Key")));
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        Answer once = onceAnswers.getOrDefault(key, new ArrayDeque<>()).poll();
        Answer answer = once != null ? once : answers.getOrDefault(key,
            new Answer(404, "{\"error\":\"NOT_FOUND\",\"message\":\"no such job\"}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        }
      }
    });
    server.start();
  }

  CannedGateway answer(String method, String path, int status, String body) {
    answers.put(method + " " + path, new Answer(status, body));
    return this;
  }

  /** Answers the next request to the path so, ahead of what {@link #answer} set; calls queue up. */
  CannedGateway answerOnce(String method, String path, int status, String body) {
    onceAnswers.computeIfAbsent(method + " " + path, key -> new ConcurrentLinkedQueue<>()).add(new Answer(status, body));
    return this;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Request> requests() {
    return requests;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
