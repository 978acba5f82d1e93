package io.dagline.core.testing;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A random DAG: nodes are numbered by a hidden topological rank and edges only go from a lower rank to a
 * higher one, so the graph is acyclic by construction. Ids and the order tasks appear in the job are both
 * shuffled so that neither gives the ranks away.
 *
 * @param edges pairs {@code {from, to}} of ranks, {@code from < to}: task {@code to} depends on {@code from}
 * @param idOfRank the id of the task of each rank
 * @param jobOrder ranks in the order their tasks appear in the job
 * @param runtimes estimated runtime of each rank, all positive
 */
public record RandomDag(int size, List<int[]> edges, List<String> idOfRank, List<Integer> jobOrder, List<Long> runtimes) {

    public static Arbitrary<RandomDag> arbitrary(int maxSize) {
        return Arbitraries.integers().between(1, maxSize).flatMap(RandomDag::ofSize);
    }

    private static Arbitrary<RandomDag> ofSize(int size) {
        List<Integer> ranks = IntStream.range(0, size).boxed().collect(Collectors.toList());
        Arbitrary<int[]> edge = Combinators.combine(
                        Arbitraries.integers().between(0, size - 1), Arbitraries.integers().between(0, size - 1))
                .filter((a, b) -> !a.equals(b))
                .as((a, b) -> new int[] {Math.min(a, b), Math.max(a, b)});
        Arbitrary<List<int[]>> edges = size < 2
                ? Arbitraries.just(List.of())
                : edge.list().ofMaxSize(size * 3).map(RandomDag::distinctEdges);
        Arbitrary<List<String>> ids = Arbitraries.shuffle(ranks).map(p -> p.stream().map(i -> "t" + i).toList());
        Arbitrary<List<Long>> runtimes = Arbitraries.longs().between(1, 1_000).list().ofSize(size);
        return Combinators.combine(edges, ids, Arbitraries.shuffle(ranks), runtimes)
                .as((e, i, order, r) -> new RandomDag(size, e, i, order, r));
    }

    private static List<int[]> distinctEdges(List<int[]> edges) {
        Map<Long, int[]> byKey = new java.util.LinkedHashMap<>();
        for (int[] edge : edges) {
            byKey.putIfAbsent(((long) edge[0] << 32) | edge[1], edge);
        }
        return new ArrayList<>(byKey.values());
    }

    public JobSpec toJob() {
        return Jobs.job(tasksInJobOrder(List.of()));
    }

    /** The job with one extra edge: the task of rank {@code dependent} also depends on that of {@code dependency}. */
    public JobSpec withExtraDependency(int dependent, int dependency) {
        return Jobs.job(tasksInJobOrder(List.of(new int[] {dependency, dependent})));
    }

    private List<TaskSpec> tasksInJobOrder(List<int[]> extraEdges) {
        List<List<String>> dependencies = new ArrayList<>();
        for (int rank = 0; rank < size; rank++) {
            dependencies.add(new ArrayList<>());
        }
        for (List<int[]> list : List.of(edges, extraEdges)) {
            for (int[] edge : list) {
                dependencies.get(edge[1]).add(idOfRank.get(edge[0]));
            }
        }
        List<TaskSpec> tasks = new ArrayList<>(size);
        for (int rank : jobOrder) {
            tasks.add(new TaskSpec(idOfRank.get(rank), "fn", null, dependencies.get(rank), null,
                    runtimes.get(rank), null, null, null, null, null));
        }
        return tasks;
    }

    /** Ranks reachable from {@code rank} by following edges forward, excluding itself, ascending. */
    public List<Integer> reachableFrom(int rank) {
        boolean[] reached = new boolean[size];
        reached[rank] = true;
        // Edges go upward in rank, so one pass in rank order sees every path.
        for (int r = rank; r < size; r++) {
            if (!reached[r]) {
                continue;
            }
            for (int[] edge : edges) {
                if (edge[0] == r) {
                    reached[edge[1]] = true;
                }
            }
        }
        return IntStream.range(rank + 1, size).filter(r -> reached[r]).boxed().toList();
    }

    @Override
    public String toString() {
        return "RandomDag{size=" + size + ", edges=" + edges.stream()
                .map(e -> idOfRank.get(e[0]) + "->" + idOfRank.get(e[1])).toList() + "}";
    }
}
