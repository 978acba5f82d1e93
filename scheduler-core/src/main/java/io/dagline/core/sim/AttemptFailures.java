package io.dagline.core.sim;

/** Whether an attempt fails when it would have finished; a task failing {@link #maxAttempts} times ends the run. */
public interface AttemptFailures {

    boolean fails(String taskId, int attempt);

    default int maxAttempts() {
        return 10;
    }
}
