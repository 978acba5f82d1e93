package io.dagline.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real workflow instances in {@code shared/workflows/} next to the repository, with the figures their
 * README lists. Found by walking up from the working directory, or at {@code -Ddagline.workflows.dir}.
 */
public final class SharedWorkflows {

    public static final String DIRECTORY_PROPERTY = "dagline.workflows.dir";

    /** One row of the README's table. */
    public record Instance(String file, String family, int tasks, int edges, double runtimeSumSeconds,
            long inputBytes) {

        public Path path() {
            return directory().resolve(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    public static final List<Instance> ALL = List.of(
            new Instance("1000genome-chameleon-2ch-100k-001.json", "1000genome", 52, 76, 2771.295, 2577769347L),
            new Instance("blast-chameleon-small-001.json", "blast", 43, 120, 382.913, 5112433528L),
            new Instance("bwa-chameleon-medium-001.json", "bwa", 1004, 4000, 3612.111, 453815L),
            new Instance("cycles-chameleon-1l-1c-9p-001.json", "cycles", 67, 97, 862.699, 1193163L),
            new Instance("epigenomics-chameleon-hep-1seq-100k-001.json", "epigenomics", 41, 48, 539.307, 203610320L),
            new Instance("montage-chameleon-dss-05d-001.json", "montage", 58, 114, 5585.811, 90488127L),
            new Instance("montage-chameleon-dss-10d-001.json", "montage", 472, 1284, 37089.295, 335316034L),
            new Instance("rnaseq-dirt02-001.json", "rnaseq", 197, 451, 2580.360, 25846285L),
            new Instance("srasearch-chameleon-10a-001.json", "srasearch", 22, 30, 6996.779, 98721L));

    private SharedWorkflows() {
    }

    public static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null) {
            return requireDirectory(Path.of(configured));
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("workflows");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/workflows directory in " + start + " or any parent; these tests"
                + " need the WfCommons instances there (or pass -D" + DIRECTORY_PROPERTY + "=<dir>)");
    }

    /** Every WfFormat document in the directory, by file name. */
    public static List<String> filesPresent() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(DIRECTORY_PROPERTY + "=" + dir + " is not a directory");
        }
        return dir;
    }
}
