package io.dagline.core.site;

import java.util.Objects;

/**
 * A data centre: {@code slots} tasks run there at once, each at {@code speed} times the speed the runtimes
 * were recorded at (a task of runtime r takes r / speed seconds there).
 */
public record Site(String name, double speed, int slots) {

    public Site {
        Objects.requireNonNull(name, "name");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("site " + name + ": speed must be positive, was " + speed);
        }
        if (slots < 0) {
            throw new IllegalArgumentException("site " + name + ": slots must not be negative, was " + slots);
        }
    }

    /** Work per second when every slot is busy: speed × slots. */
    public double capacity() {
        return speed * slots;
    }
}
