package io.dagline.gateway;

import io.dagline.gateway.cluster.ExecutorViews;
import io.dagline.functions.FunctionArguments;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.FunctionArgument;
import io.dagline.schemas.FunctionSignature;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

  public boolean offers(String site, String function) {
    return configured.contains(function) || live(site).contains(function);
  }

  /** Every function a task at {@code site} (null: any site) may call, sorted, for error messages. */
  public Set<String> at(String site) {
    Set<String> all = new TreeSet<>(configured);
    all.addAll(live(site));
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
    for (ExecutorHeartbeat heartbeat : executors.liveAt(site, staleAfter, clock.millis())) {
      for (FunctionSignature signature : heartbeat.getSignatures()) {
        if (signature.getFunction().equals(function)) {
          return signature.getArguments();
        }
      }
    }
    return List.of();
  }

  private Set<String> live(String site) {
    Set<String> offered = new TreeSet<>();
    executors.liveAt(site, staleAfter, clock.millis()).forEach(heartbeat -> offered.addAll(heartbeat.getFunctions()));
    return offered;
  }
}
