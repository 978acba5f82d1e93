package io.dagline.core.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared WfCommons instances: {@code -Ddagline.workflows.dir}, else the first {@code shared/workflows}
 * found walking up from the working directory.
 */
public final class WorkflowDirectory {

    public static final String PROPERTY = "dagline.workflows.dir";

    private WorkflowDirectory() {
    }

    public static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("workflows");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/workflows in " + start + " or any parent; pass -D" + PROPERTY
                + "=<dir>");
    }

    /** The WfFormat documents in the directory, by file name. */
    public static List<Path> workflows(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
