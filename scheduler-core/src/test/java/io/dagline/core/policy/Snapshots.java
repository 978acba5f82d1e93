package io.dagline.core.policy;

import io.dagline.core.model.Resources;
import io.dagline.core.site.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fluent builder of small hand-made snapshots: sites fast (1.0), medium (0.6), slow (0.3), 100 MB/s apart. */
final class Snapshots {

    static final double BANDWIDTH = 100e6;

    private final List<ReadyTask> ready = new ArrayList<>();
    private final Map<String, SiteState> sites = new java.util.LinkedHashMap<>();
    private final Map<String, Integer> runningByPool = new HashMap<>();
    private final Map<String, Resources> usageByPool = new HashMap<>();
    private Resources capacity = new Resources(100, 1 << 20);
    private double now;

    static Snapshots given() {
        return new Snapshots();
    }

    Snapshots site(String name, double speed, int slots, Double... busyUntil) {
        sites.put(name, new SiteState(name, speed, slots, List.of(busyUntil)));
        return this;
    }

    Snapshots at(double time) {
        now = time;
        return this;
    }

    Snapshots task(ReadyTask task) {
        ready.add(task);
        return this;
    }

    Snapshots running(String pool, int tasks) {
        runningByPool.put(pool, tasks);
        return this;
    }

    Snapshots capacity(Resources resources) {
        capacity = resources;
        return this;
    }

    SchedulingSnapshot build() {
        List<String> names = new ArrayList<>(sites.keySet());
        return new SchedulingSnapshot(now, ready, new ArrayList<>(sites.values()), Network.uniform(names, BANDWIDTH),
                runningByPool, usageByPool, capacity);
    }

    /** A task of the given runtime; the rest neutral. Sequence follows creation order through {@code sequence}. */
    static ReadyTask task(String id, long sequence, double runtime, double rank, InputRef... inputs) {
        return new ReadyTask(id, "job", sequence, "default", runtime, rank, 0, 0, List.of(inputs), null);
    }

    static ReadyTask pooled(String id, long sequence, String pool, Resources resources) {
        return new ReadyTask(id, "job", sequence, pool, 1, 1, 0, 0, List.of(), resources);
    }

    static ReadyTask levels(String id, long sequence, double rank, double earliestStart, double floatTime) {
        return new ReadyTask(id, "job", sequence, "default", 1, rank, earliestStart, floatTime, List.of(), null);
    }

    static InputRef immovableAt(String site) {
        return new InputRef("pinned-data", 1_000, site, true);
    }

    static InputRef dataAt(String site, long bytes) {
        return new InputRef("data", bytes, site, false);
    }
}
