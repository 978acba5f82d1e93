package io.dagline.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Dagline against Dask on the same no-op graphs, one system after the other, driven by {@code bin/compare-dask}
 * (which starts and stops both systems): {@code --write-graphs DIR} writes the graphs for the Dask runner
 * ({@code dask_run.py}, timed from submission to every result); then, with Dask stopped and Dagline started,
 * {@code --dask-results FILE} runs the same graphs through the Dagline gateway, each timed from the POST to its
 * final state, and prints a Markdown table: per graph the wall time and tasks/s of each, and Dagline's time over
 * Dask's, with the load average before each system's run.
 *
 * <p>Usage: {@code CompareDask [--tasks 5000] [--wide 500] [--chain 100] (--write-graphs DIR | --dask-results FILE
 * --dask-load LOAD --url URL [--forced]) [WfFormat files…]}
 */
public final class CompareDask {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "REJECTED");

  /** One graph's wall time in each system. */
  record Row(String graph, int tasks, double daskSeconds, double daglineSeconds, String daglineState) {
    double ratio() {
      return daglineSeconds / daskSeconds;
    }
  }

  private CompareDask() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    List<Path> workflows = new ArrayList<>();
    boolean forced = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--forced")) {
        forced = true;
      } else if (args[i].startsWith("--")) {
        options.put(args[i].substring(2), args[++i]);
      } else {
        workflows.add(Path.of(args[i]));
      }
    }
    int tasks = Integer.parseInt(options.getOrDefault("tasks", "5000"));
    List<BenchGraph> graphs = new ArrayList<>(List.of(
        BenchGraph.fan(tasks, 100),
        BenchGraph.branched(tasks, 50),
        BenchGraph.wide(Integer.parseInt(options.getOrDefault("wide", "500"))),
        BenchGraph.chain(Integer.parseInt(options.getOrDefault("chain", "100")))));
    workflows.forEach(file -> graphs.add(BenchGraph.wfformat(file)));

    if (options.containsKey("write-graphs")) {
      // First step: the graphs as the Dask runner reads them, one file each, in this order.
      Path dir = Path.of(options.get("write-graphs"));
      Files.createDirectories(dir);
      for (int i = 0; i < graphs.size(); i++) {
        JSON.writeValue(dir.resolve(String.format(Locale.ROOT, "%02d-%s.json", i, graphs.get(i).name())).toFile(),
            graphs.get(i).daskGraph());
      }
      return;
    }
    // Second step, once Dask has run and stopped: the same graphs through Dagline, and the table.
    Map<String, Double> dask = readDaskResults(Path.of(options.get("dask-results")));
    String loadBeforeDagline = LoadAverage.oneMinute();
    URI gateway = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
    runDagline(gateway, BenchGraph.wide(1000)); // warm-up, as the Dask runner does
    List<Row> rows = new ArrayList<>();
    for (BenchGraph graph : graphs) {
      Outcome outcome = runDagline(gateway, graph);
      rows.add(new Row(graph.name(), graph.nodes().size(), dask.getOrDefault(graph.name(), Double.NaN),
          outcome.seconds(), outcome.state()));
    }
    System.out.print(table(rows, options.getOrDefault("dask-load", "?"), loadBeforeDagline, LoadAverage.oneMinute(),
        forced));
  }

  /** The Dask runner's output: seconds by graph name. */
  static Map<String, Double> readDaskResults(Path file) throws IOException {
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      DaskResult result = parseDaskLine(line);
      if (result != null) {
        seconds.put(result.graph(), result.seconds());
      }
    }
    return seconds;
  }

  /** One line of {@code dask_run.py}'s output. */
  record DaskResult(String graph, int tasks, double seconds) {}

  /** A result line of the Dask runner, or {@code null} for any other line. */
  static DaskResult parseDaskLine(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(line);
      if (!node.has("graph") || !node.has("seconds")) {
        return null;
      }
      return new DaskResult(node.get("graph").asText(), node.path("tasks").asInt(), node.get("seconds").asDouble());
    } catch (IOException e) {
      return null;
    }
  }

  record Outcome(double seconds, String state) {}

  /** Posts the graph as one job and polls its state until it is final: the wall time, as a user sees it. */
  static Outcome runDagline(URI gateway, BenchGraph graph) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long started = System.nanoTime();
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/jobs"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(graph.daglineJob()))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (posted.statusCode() != 202) {
      throw new IllegalStateException("POST " + graph.name() + ": " + posted.statusCode() + " " + posted.body());
    }
    String jobId = JSON.readTree(posted.body()).get("jobId").asText();
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> status = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/jobs/" + jobId)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (status.statusCode() == 200) {
        String state = JSON.readTree(status.body()).get("state").asText();
        if (FINAL.contains(state)) {
          double seconds = (System.nanoTime() - started) / 1e9;
          System.err.printf("dagline %s: %d tasks %s in %.2f s%n", graph.name(), graph.nodes().size(), state, seconds);
          return new Outcome(seconds, state);
        }
      }
      Thread.sleep(20);
    }
    return new Outcome(Double.NaN, "TIMED OUT");
  }

  static String table(List<Row> rows, String loadBeforeDask, String loadBeforeDagline, String loadAfter, boolean forced) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Dagline (embedded default, bin/dagline-local) against Dask (dask-scheduler "
        + "and 2 single-thread workers), each alone on the machine, no-op tasks, %s, %d cores; load average before Dask %s, before Dagline %s, after %s%s%n%n",
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), Runtime.getRuntime().availableProcessors(),
        loadBeforeDask, loadBeforeDagline, loadAfter, forced ? " (FORCED: the machine was busy before the run)" : ""));
    out.append("| graph | tasks | Dask s | Dask tasks/s | Dagline s | Dagline tasks/s | Dagline ÷ Dask (time) |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.2f | %.0f | %.2f%s |%n", row.graph(), row.tasks(),
          row.daskSeconds(), row.tasks() / row.daskSeconds(), row.daglineSeconds(), row.tasks() / row.daglineSeconds(),
          row.ratio(), row.daglineState().equals("SUCCEEDED") ? "" : " (" + row.daglineState() + ")"));
    }
    return out.toString();
  }
}
