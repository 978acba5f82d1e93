package io.dagline.core.policy;

/** Start this ready task now, on a free slot of this site. */
public record Assignment(String taskId, String site) {
}
