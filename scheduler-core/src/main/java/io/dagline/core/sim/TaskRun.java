package io.dagline.core.sim;

/** Where and when one task ran; {@code transferSeconds} of its slot time went to moving its inputs. */
public record TaskRun(String taskId, String site, double start, double finish, double transferSeconds) {
}
