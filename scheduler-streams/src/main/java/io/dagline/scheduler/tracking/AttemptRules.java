package io.dagline.scheduler.tracking;

import io.dagline.schemas.DataReference;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;
import io.dagline.scheduler.ExclusionSettings;
import io.dagline.scheduler.SchedulerSettings;
import java.util.List;

/** Where a task's attempts run, how many it gets and how long it waits between them. */
final class AttemptRules {

  private final String defaultSite;
  private final int defaultMaxAttempts;
  private final Backoff defaultBackoff;
  private final ExclusionSettings exclusion;
  private final List<String> knownSites;

  AttemptRules(SchedulerSettings settings) {
    this.defaultSite = settings.defaultSite();
    this.defaultMaxAttempts = settings.defaultMaxAttempts();
    this.defaultBackoff = settings.retry();
    this.exclusion = settings.exclusion();
    this.knownSites = settings.knownSites();
  }

  /** The site the task's current attempt runs at, where it holds (or waits for) a credit. */
  String queueSite(TaskRecord task) {
    if (task.getAttemptSite() != null) {
      return task.getAttemptSite();
    }
    String site = task.getDefinition().getSite();
    return site != null ? site : defaultSite;
  }

  int maxAttempts(TaskRecord task) {
    Integer declared = task.getDefinition().getMaxAttempts();
    return declared != null ? declared : defaultMaxAttempts;
  }

  /** The task's retry policy over the job's over the scheduler's, field by field. */
  Backoff backoff(PartitionRecord partition, TaskRecord task) {
    return defaultBackoff.overriddenBy(partition.getRetry()).overriddenBy(task.getDefinition().getRetry());
  }

  boolean excludesOnFailure() {
    return exclusion.enabled();
  }

  /**
   * A task that failed {@code maxTaskAttemptsPerSite} times at its site goes to the first known site
   * where it has failed fewer times, unless it is pinned: it names its site or reads immovable data (a
   * site its job's plan chose does not pin it).
   */
  void moveAwayFromFailingSite(TaskRecord task, String site) {
    if (task.getSiteFailures().getOrDefault(site, 0) < exclusion.maxTaskAttemptsPerSite() || isPinned(task)) {
      return;
    }
    for (String candidate : knownSites) {
      if (task.getSiteFailures().getOrDefault(candidate, 0) < exclusion.maxTaskAttemptsPerSite()) {
        task.setAttemptSite(candidate.equals(defaultSite) ? null : candidate);
        return;
      }
    }
  }

  private static boolean isPinned(TaskRecord task) {
    if (task.getDefinition().getSite() != null) {
      return true;
    }
    for (DataReference input : task.getDefinition().getInputs()) {
      if (input.getImmovable()) {
        return true;
      }
    }
    return false;
  }
}
