package io.dagline.gateway;

import io.dagline.core.model.TaskSpec;
import io.dagline.core.validation.ValidationProblem;
import io.dagline.functions.FunctionArguments;
import io.dagline.schemas.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the gateway checks beyond the core validator, because only a deployment knows it: which
 * functions its executors offer and the arguments they declare, which pools exist, and sane retry policies. Problems come after the
 * core's, in task order, at most {@value #MAX_PROBLEMS}.
 */
public final class SubmissionChecks {

  public static final String UNKNOWN_FUNCTION = "UNKNOWN_FUNCTION";
  public static final String UNKNOWN_POOL = "UNKNOWN_POOL";
  public static final String INVALID_RETRY = "INVALID_RETRY";
  public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";

  /** No delay between attempts longer than a day; a coefficient above 100 is a typo, not a policy. */
  static final long MAX_INTERVAL_MS = 24L * 60 * 60 * 1000;
  static final double MAX_COEFFICIENT = 100;
  private static final int MAX_PROBLEMS = 100;

  private final OfferedFunctions functions;
  private final Set<String> pools;

  public SubmissionChecks(OfferedFunctions functions, Set<String> pools) {
    this.functions = functions;
    this.pools = new TreeSet<>(pools);
  }

  /** Checks against a fixed list of functions only. */
  public SubmissionChecks(Set<String> functions, Set<String> pools) {
    this(OfferedFunctions.fixed(functions), pools);
  }

  public List<ValidationProblem> check(JobRequest request) {
    List<ValidationProblem> problems = new ArrayList<>();
    String jobPool = request.spec().pool();
    if (jobPool != null && !pools.contains(jobPool)) {
      problems.add(new ValidationProblem(UNKNOWN_POOL, "job pool " + quote(jobPool) + " is not known; known pools are "
          + pools, null, null, null));
    }
    checkRetry(request.retry(), "job retry", null, problems);
    List<TaskSpec> tasks = request.spec().tasks();
    OfferedFunctions.Offer offer = functions.now();
    for (int i = 0; i < tasks.size() && problems.size() < MAX_PROBLEMS; i++) {
      TaskSpec task = tasks.get(i);
      String label = task.id() == null ? "task at position " + i : "task " + quote(task.id());
      if (task.function() != null && !task.function().isBlank() && !offer.offers(task.site(), task.function())) {
        problems.add(new ValidationProblem(UNKNOWN_FUNCTION, label + " calls function " + quote(task.function())
            + ", which no live executor" + (task.site() == null ? "" : " of site " + quote(task.site()))
            + " offers; offered are " + offer.at(task.site()), task.id(), null, null));
      }
      if (task.function() != null && !task.function().isBlank()) {
        for (String problem : FunctionArguments.problems(offer.arguments(task.site(), task.function()), task.args())) {
          problems.add(new ValidationProblem(INVALID_ARGUMENT, label + " (" + task.function() + "): " + problem,
              task.id(), null, null));
        }
      }
      if (task.pool() != null && !pools.contains(task.pool())) {
        problems.add(new ValidationProblem(UNKNOWN_POOL, label + " names unknown pool " + quote(task.pool())
            + "; known pools are " + pools, task.id(), null, null));
      }
      if (i < request.taskRetries().size()) {
        checkRetry(request.taskRetries().get(i), label + " retry", task.id(), problems);
      }
    }
    return problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
  }

  private static void checkRetry(RetryPolicy retry, String label, String taskId, List<ValidationProblem> problems) {
    if (retry == null) {
      return;
    }
    List<String> reasons = new ArrayList<>();
    interval(retry.getInitialIntervalMs(), "initialIntervalMs", reasons);
    interval(retry.getMaxIntervalMs(), "maxIntervalMs", reasons);
    Double coefficient = retry.getBackoffCoefficient();
    if (coefficient != null && !(coefficient >= 1.0 && coefficient <= MAX_COEFFICIENT)) {
      reasons.add("backoffCoefficient " + coefficient + " must be between 1 and " + (int) MAX_COEFFICIENT);
    }
    if (!reasons.isEmpty()) {
      problems.add(new ValidationProblem(INVALID_RETRY, label + " is invalid: " + String.join("; ", reasons),
          taskId, null, null));
    }
  }

  private static void interval(Long value, String name, List<String> reasons) {
    if (value != null && (value < 0 || value > MAX_INTERVAL_MS)) {
      reasons.add(name + " " + value + " must be between 0 and " + MAX_INTERVAL_MS + " ms");
    }
  }

  private static String quote(String value) {
    return '"' + (value.length() > 120 ? value.substring(0, 120) + "...\" (" + value.length() + " characters)" : value + '"');
  }
}
