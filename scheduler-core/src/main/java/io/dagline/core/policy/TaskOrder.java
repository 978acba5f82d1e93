package io.dagline.core.policy;

import java.util.Comparator;
import java.util.SplittableRandom;

/** The order in which a list policy considers ready tasks. Ties go to the lower FIFO sequence. */
public enum TaskOrder {

    /** Spark's FIFO: job submission order, then the order tasks became ready. */
    FIFO,
    /** Highest upward rank first: the task heading the longest remaining path (HEFT, critical path). */
    UPWARD_RANK,
    /** STSID: earliest start time in the static schedule first. */
    EARLIEST_START,
    /** STSID: shortest float (slack) first, so critical tasks never wait behind tasks that may slip. */
    SHORTEST_FLOAT,
    /** STSID: a random order, fixed by the seed and the task id, so the same snapshot gives the same order. */
    RANDOM;

    Comparator<ReadyTask> comparator(long seed) {
        Comparator<ReadyTask> bySequence = Comparator.comparingLong(ReadyTask::sequence);
        Comparator<ReadyTask> byRank = Comparator.comparingDouble(ReadyTask::upwardRank).reversed();
        return switch (this) {
            case FIFO -> bySequence;
            case UPWARD_RANK -> byRank.thenComparing(bySequence);
            case EARLIEST_START -> Comparator.comparingDouble(ReadyTask::earliestStart).thenComparing(byRank)
                    .thenComparing(bySequence);
            case SHORTEST_FLOAT -> Comparator.comparingDouble(ReadyTask::floatTime).thenComparing(byRank)
                    .thenComparing(bySequence);
            case RANDOM -> Comparator.comparingLong((ReadyTask task) -> randomKey(seed, task)).thenComparing(bySequence);
        };
    }

    private static long randomKey(long seed, ReadyTask task) {
        return new SplittableRandom(seed * 31 + task.taskId().hashCode() * 17L + task.jobId().hashCode()).nextLong();
    }
}
