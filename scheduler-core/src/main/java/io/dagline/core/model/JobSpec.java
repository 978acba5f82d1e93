package io.dagline.core.model;

import java.util.List;

/**
 * A job as the client submitted it: a DAG of tasks given in the client's order.
 *
 * @param jobId may be null before the gateway assigns one
 * @param pool default pool of the tasks that name none; may be null
 */
public record JobSpec(String jobId, String name, String pool, List<TaskSpec> tasks) {

    public JobSpec {
        tasks = TaskSpec.immutableCopy(tasks);
    }
}
