package io.dagline.core.model;

/**
 * A piece of input data a task reads; lets placement prefer the site that already holds it.
 *
 * @param site where the data lives, or {@code null} when unknown
 * @param immovable true when the task must run where the data is (too big or not allowed to move)
 */
public record DataRef(String uri, long sizeBytes, String site, boolean immovable) {
}
