package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dagline.testkit.KafkaTestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The gateway's web page in headless Chromium (Debian's chromium and chromium-driver) against the
 * whole stack on a real broker: a job posted over the API shows up in the jobs list, and its DAG,
 * drawn while the job runs, turns green as the tasks finish, without the page being reloaded.
 * Screenshots go to {@code target/screenshots/}.
 */
class WebPageIT {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir
  static Path dataDir;

  private static KafkaTestCluster kafka;
  private static DaglineStack stack;
  private static GatewayClient gateway;
  private static WebDriver browser;

  @BeforeAll
  static void start() {
    assertThat(Path.of(CHROMIUM)).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)")
        .exists();
    assertThat(Path.of(CHROMEDRIVER)).as("Debian's chromium-driver").exists();
    kafka = KafkaTestCluster.singleNode();
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1).withExecutors(2, 4));
    gateway = new GatewayClient(stack.gatewayUri());
    browser = headlessChromium(dataDir.resolve("chromium-profile"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldListAPostedJobAndTurnItsDagGreenWhileThePageIsOpen() throws IOException {
    browser.get(stack.gatewayUri().resolve("/").toString());
    await("the jobs list").atMost(Duration.ofSeconds(30))
        .until(() -> browser.findElements(By.cssSelector("#jobs p, #jobs table")).size() > 0);

    gateway.submit(pipeline("web-demo"));

    WebElement row = await("the posted job in the list, without a reload").atMost(Duration.ofSeconds(60))
        .until(() -> browser.findElements(By.cssSelector("tr.job-row[data-job='web-demo']")), rows -> !rows.isEmpty())
        .get(0);
    assertThat(row.getText()).contains("web-demo");
    row.click();

    onPage("the DAG drawn", Duration.ofSeconds(60), () -> taskStates().size() == TASKS);
    ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");
    Map<String, String> first = taskStates();
    assertThat(first.get("publish")).as("the last task, behind a 15 s task, is not done when the page opens")
        .isNotEqualTo("SUCCEEDED");
    await("some tasks finished, others not yet").atMost(Duration.ofSeconds(60))
        .ignoreException(StaleElementReferenceException.class).until(() -> taskStates().containsValue("SUCCEEDED"));
    screenshot("web-page-running.png");

    await("every task green").atMost(Duration.ofMinutes(2))
        .ignoreException(StaleElementReferenceException.class).until(() -> Set.copyOf(taskStates().values()).equals(Set.of("SUCCEEDED")));
    await("the job's badge").atMost(Duration.ofSeconds(30))
        .until(() -> textOf(By.id("job-state")).equals("SUCCEEDED"));
    assertThat(textOf(By.id("job-progress"))).isEqualTo("100%");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true;"))
        .as("updated live, not by reloading the page").isEqualTo(true);

    browser.findElement(By.cssSelector("circle[data-task='qc']")).click();
    await("the task's details").atMost(Duration.ofSeconds(30))
        .until(() -> textOf(By.id("task-detail")).contains("qc"));
    assertThat(textOf(By.id("task-detail"))).contains("SUCCEEDED").contains("executor-");
    screenshot("web-page.png");

    browser.findElement(By.cssSelector("circle[data-task='fetch']")).click();
    await("the result of a task that produced one").atMost(Duration.ofSeconds(30))
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> !browser.findElements(By.id("task-result")).isEmpty() && textOf(By.id("task-detail")).contains("fetch"));
    assertThat(textOf(By.id("task-result"))).isEqualTo("succeeded at attempt 1");
  }

  @Test
  void shouldSayWhichTasksWaitForASiteWithoutALiveExecutor() throws Exception {
    try (var admin = kafka.admin()) {
      // The site exists (its task topic does), but no executor runs there.
      io.dagline.topics.TopicCreator.createMissing(admin, io.dagline.topics.DaglineTopics.newTopics(
          io.dagline.topics.TopicLayout.singleBroker(4), List.of("gpu")));
    }
    gateway.submit(Map.of("id", "waits-for-gpu", "tasks", List.of(
        Map.of("id", "train", "function", "noop", "site", "gpu"))));

    await("the gateway tells the ready task waits").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(gateway.get("/v1/jobs/waits-for-gpu").body().path("waitingForExecutors").toString())
            .contains("\"site\":\"gpu\"").contains("\"tasks\":1"));
    browser.get(stack.gatewayUri().resolve("/ui/#/jobs/waits-for-gpu").toString());
    await("the page tells it too").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
        .until(() -> !browser.findElements(By.cssSelector("[data-waiting-site='gpu']")).isEmpty());
    assertThat(textOf(By.cssSelector("[data-waiting-site='gpu']"))).contains("1 ready task(s) wait at site gpu")
        .contains("no live executor");
    gateway.delete("/v1/jobs/waits-for-gpu");
  }

  private static final int TASKS = 15;

  /** A small genomics-shaped pipeline; {@code qc} sleeps long enough for the page to see the job run. */
  private static Map<String, Object> pipeline(String id) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    // fail with failAttempts 0 succeeds at once, with a result the page shows
    tasks.add(task("fetch", "fail", Map.of("failAttempts", "0")));
    tasks.add(task("split", "sleep", Map.of("ms", "300"), "fetch"));
    for (int i = 1; i <= 8; i++) {
      tasks.add(task("align-" + i, "sleep", Map.of("ms", String.valueOf(300 + 150 * i)), "split"));
    }
    tasks.add(task("merge-1", "sleep", Map.of("ms", "400"), "align-1", "align-2", "align-3", "align-4"));
    tasks.add(task("merge-2", "sleep", Map.of("ms", "400"), "align-5", "align-6", "align-7", "align-8"));
    tasks.add(task("qc", "sleep", Map.of("ms", "15000"), "merge-1"));
    tasks.add(task("report", "sleep", Map.of("ms", "500"), "qc", "merge-2"));
    tasks.add(task("publish", "noop", Map.of(), "report"));
    assertThat(tasks).hasSize(TASKS);
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", id);
    job.put("name", id);
    job.put("tasks", tasks);
    return job;
  }

  private static Map<String, Object> task(String id, String function, Map<String, String> args, String... dependencies) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", id);
    task.put("function", function);
    task.put("args", args);
    task.put("dependencies", List.of(dependencies));
    return task;
  }

  /** Waits for a condition on the page; when it does not come, keeps what the page showed for the report. */
  private static void onPage(String what, Duration atMost, java.util.concurrent.Callable<Boolean> condition)
      throws IOException {
    try {
      await(what).atMost(atMost).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      screenshot("failed.png");
      Files.writeString(SCREENSHOTS.resolve("failed.html"), browser.getPageSource());
      throw e;
    }
  }

  /**
   * The element's text, found again when the page re-rendered it between finding and reading (the live
   * updates replace the job header while a test reads it).
   */
  private static String textOf(By locator) {
    for (int attempt = 1; ; attempt++) {
      try {
        return browser.findElement(locator).getText();
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static Map<String, String> taskStates() {
    return browser.findElements(By.cssSelector("circle.task")).stream()
        .collect(Collectors.toMap(circle -> circle.getAttribute("data-task"), circle -> circle.getAttribute("data-state"),
            (a, b) -> b));
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Flags from the machine notes: without the background-networking ones Chromium keeps trying to
   * reach Google's hosts, which this closed network refuses.
   */
  private static WebDriver headlessChromium(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
