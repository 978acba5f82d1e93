package io.dagline.core.sim;

/**
 * A file a task reads: either the output of one of its predecessors ({@code producer} ≥ 0), which lives where
 * that predecessor ran, or an input of the whole workflow ({@code producer} = -1), which lives at {@code site}.
 *
 * @param site for a workflow input, where it is ({@code null}: unknown, read for free); unused otherwise
 * @param immovable for a workflow input, whether the task must run at {@code site}
 */
public record DataInput(String name, long bytes, int producer, String site, boolean immovable) {

    public static DataInput produced(String name, long bytes, int producer) {
        return new DataInput(name, bytes, producer, null, false);
    }

    public static DataInput external(String name, long bytes, String site, boolean immovable) {
        return new DataInput(name, bytes, -1, site, immovable);
    }

    public boolean isProduced() {
        return producer >= 0;
    }
}
