package io.dagline.core.policy;

/** A site chosen for a task, with the start and finish it is expected to get there. */
record Placement(String site, double start, double finish) {

    boolean startsBy(double now) {
        return start <= now;
    }
}
