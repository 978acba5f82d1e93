package io.dagline.gateway;

import io.dagline.gateway.cluster.ExecutorViews;
import io.dagline.functions.FunctionArguments;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.FunctionArgument;
import io.dagline.schemas.FunctionSignature;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which functions a task may call: those of the configured list ({@code dagline.gateway.functions},
 * the built-in ones by default), which every executor is taken to offer, and any a live executor
 * announces in its heartbeats: at the task's site, or at any site for a task that names none (it runs
 * at the scheduler's default site, which the gateway does not know).
 */
public final class OfferedFunctions {

  private final Set<String> configured;
  private final ExecutorViews executors;
  private final Duration staleAfter;
  private final Clock clock;

  public OfferedFunctions(Set<String> configured, ExecutorViews executors, Duration staleAfter, Clock clock) {
    this.configured = Set.copyOf(configured);
    this.executors = executors;
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  /** Only the configured list, as before executors announced their functions. */
  public static OfferedFunctions fixed(Set<String> configured) {
    return new OfferedFunctions(configured, new ExecutorViews(), Duration.ZERO, Clock.systemUTC());
  }

  /**
   * What is offered now, read once: a submission asks for each of its tasks, and a job of many tasks must
   * not copy and scan the executors' heartbeats per task.
   */
  public Offer now() {
    return new Offer(executors.liveAt(null, staleAfter, clock.millis()));
  }

  /** The functions on offer at one moment, with each site's set worked out once. */
  public final class Offer {

    private final List<ExecutorHeartbeat> live;
    private final Map<String, Set<String>> announcedBySite = new HashMap<>();

    private Offer(List<ExecutorHeartbeat> live) {
      this.live = live;
    }

    public boolean offers(String site, String function) {
      return configured.contains(function) || announced(site).contains(function);
    }

    /** Every function a task at {@code site} (null: any site) may call, sorted, for error messages. */
    public Set<String> at(String site) {
      Set<String> all = new TreeSet<>(configured);
      all.addAll(announced(site));
      return all;
    }

    /**
     * The arguments a function declares: a built-in function's own declaration, else what a live executor
     * of the site (any site for a task without one) announced for it; empty when nothing is declared.
     */
    public List<FunctionArgument> arguments(String site, String function) {
      List<FunctionArgument> builtIn = FunctionArguments.builtIn(function);
      if (builtIn != null) {
        return builtIn;
      }
      for (ExecutorHeartbeat heartbeat : live) {
        if (site == null || site.equals(heartbeat.getSite())) {
          for (FunctionSignature signature : heartbeat.getSignatures()) {
            if (signature.getFunction().equals(function)) {
              return signature.getArguments();
            }
          }
        }
      }
      return List.of();
    }

    private Set<String> announced(String site) {
      return announcedBySite.computeIfAbsent(site, key -> { // HashMap: null (any site) is a key too
        Set<String> offered = new TreeSet<>();
        live.stream().filter(heartbeat -> site == null || site.equals(heartbeat.getSite()))
            .forEach(heartbeat -> offered.addAll(heartbeat.getFunctions()));
        return offered;
      });
    }
  }
}
