package io.dagline.core.graph;

import io.dagline.core.model.TaskSpec;
import io.dagline.core.testing.Jobs;
import io.dagline.core.testing.SharedWorkflows;
import io.dagline.core.wfformat.WfFormatReader;
import io.dagline.core.wfformat.WfJobConverter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Partition quality of both partitioners on the shared real workflows, and their speed on 100,000-task
 * graphs, as Markdown tables for {@code docs/benchmarks.md}. Run from the repository root:
 *
 * <pre>./mvnw -q -pl scheduler-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.dagline.core.graph.PartitionReport</pre>
 */
public final class PartitionReport {

    static final int[] PARTITION_COUNTS = {2, 4, 8};
    static final int TIMED_PARTITIONS = 64;

    /** One workflow cut into {@code partitions} by both partitioners. */
    record Row(SharedWorkflows.Instance workflow, int partitions, int edges, long cutLowerBound,
            PartitionQuality streaming, PartitionQuality multilevel) {
    }

    private PartitionReport() {
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        GraphPartitioner streaming = new GreedyStreamingPartitioner();
        MultilevelPartitioner multilevel = new MultilevelPartitioner();
        for (SharedWorkflows.Instance workflow : SharedWorkflows.ALL) {
            TaskGraph graph = TaskGraph.of(WfJobConverter.toJob(WfFormatReader.read(workflow.path())));
            for (int k : PARTITION_COUNTS) {
                rows.add(new Row(workflow, k, graph.edgeCount(),
                        HubCutBound.of(graph, multilevel.capacity(graph.size(), k)),
                        PartitionQuality.of(graph, streaming.partition(graph, k), k),
                        PartitionQuality.of(graph, multilevel.partition(graph, k), k)));
            }
        }
        return rows;
    }

    static String markdown(List<Row> rows) {
        StringBuilder table = new StringBuilder();
        table.append("| workflow | tasks | edges | k | cut, LDG | cut, multilevel | cut lower bound |"
                + " imbalance, LDG | imbalance, multilevel |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    row.workflow().file().replace(".json", ""), row.workflow().tasks(), row.edges(),
                    row.partitions(), row.streaming().edgeCutRatio(), row.multilevel().edgeCutRatio(),
                    (double) row.cutLowerBound() / row.edges(), row.streaming().imbalance(),
                    row.multilevel().imbalance()));
        }
        return table.toString();
    }

    /**
     * Wall-clock time to cut 100,000-task graphs into 64 partitions: the first call in a fresh JVM (class
     * loading and interpretation included), and the best of five later calls.
     */
    static String timings() {
        Map<String, TaskGraph> graphs = new LinkedHashMap<>();
        graphs.put("diamond ladder, 10,000 rungs of 9 (100,001 tasks)",
                TaskGraph.of(Jobs.job(Jobs.diamondLadder(10_000, 9))));
        graphs.put("random DAG, 100,000 tasks, up to 3 dependencies within the previous 50",
                TaskGraph.of(Jobs.job(randomLocalDag(100_000, 3, 50))));
        StringBuilder table = new StringBuilder("| graph | partitioner | first call (ms) | best of 5 (ms) | cut |\n"
                + "|---|---|---:|---:|---:|\n");
        for (Map.Entry<String, TaskGraph> entry : graphs.entrySet()) {
            for (GraphPartitioner partitioner : List.of(new MultilevelPartitioner(),
                    new GreedyStreamingPartitioner())) {
                long first = millis(partitioner, entry.getValue());
                long best = Long.MAX_VALUE;
                for (int run = 0; run < 5; run++) {
                    best = Math.min(best, millis(partitioner, entry.getValue()));
                }
                PartitionQuality quality = PartitionQuality.of(entry.getValue(),
                        partitioner.partition(entry.getValue(), TIMED_PARTITIONS), TIMED_PARTITIONS);
                table.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.3f |%n", entry.getKey(),
                        partitioner.getClass().getSimpleName(), first, best, quality.edgeCutRatio()));
            }
        }
        return table.toString();
    }

    private static long millis(GraphPartitioner partitioner, TaskGraph graph) {
        long start = System.nanoTime();
        partitioner.partition(graph, TIMED_PARTITIONS);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static List<TaskSpec> randomLocalDag(int size, int dependencies, int window) {
        Random random = new Random(1);
        List<TaskSpec> tasks = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Set<String> parents = new LinkedHashSet<>();
            for (int d = 0; i > 0 && d < dependencies; d++) {
                parents.add("t" + (i - 1 - random.nextInt(Math.min(i, window))));
            }
            tasks.add(Jobs.task("t" + i, parents.toArray(String[]::new)));
        }
        return tasks;
    }

    public static void main(String[] args) {
        System.out.print(markdown(rows()));
        System.out.println();
        System.out.print(timings());
    }
}
