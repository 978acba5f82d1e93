package io.dagline.core.adaptive;

/** The adaptive policy changed its ordering policy at {@code time}, for work of {@code workloadClass}. */
public record PolicySwitch(double time, WorkloadClass workloadClass, String from, String to) {
}
