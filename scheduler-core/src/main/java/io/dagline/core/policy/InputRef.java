package io.dagline.core.policy;

/**
 * A piece of data a ready task reads, where it is now.
 *
 * @param site the site holding it, or {@code null} when unknown (then it is assumed to cost nothing to read)
 * @param immovable the task may only run at {@code site}
 */
public record InputRef(String name, long bytes, String site, boolean immovable) {
}
