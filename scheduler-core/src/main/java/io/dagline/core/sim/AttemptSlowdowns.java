package io.dagline.core.sim;

/** How many times longer than its site's speed says an attempt runs (1 = as expected). */
@FunctionalInterface
public interface AttemptSlowdowns {

    double slowdown(String taskId, int attempt);
}
