package io.dagline.core.pools;

import io.dagline.core.policy.Assignment;
import io.dagline.core.policy.ReadyTask;
import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.policy.SchedulingSnapshot;
import java.util.List;
import java.util.Map;

/**
 * Shows the inner policy (FAIR or DRF) the pool's jobs as its pools, so it shares the pool between jobs. The
 * snapshot does not say what each job runs, so every job counts as running nothing: the sharing is between the
 * tasks started in one call, and over calls it is round robin by job name.
 */
record JobsAsPools(SchedulingPolicy inner) implements SchedulingPolicy {

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        List<ReadyTask> byJob = snapshot.ready().stream().map(task -> new ReadyTask(task.taskId(), task.jobId(),
                task.sequence(), task.jobId(), task.runtimeSeconds(), task.upwardRank(), task.earliestStart(),
                task.floatTime(), task.inputs(), task.resources(), task.priority(), task.readySince(), task.barrier(),
                task.inputsNeeded())).toList();
        return inner.assign(new SchedulingSnapshot(snapshot.now(), byJob, snapshot.sites(), snapshot.network(),
                Map.of(), Map.of(), snapshot.capacity()));
    }
}
