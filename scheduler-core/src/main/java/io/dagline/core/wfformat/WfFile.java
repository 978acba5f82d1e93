package io.dagline.core.wfformat;

/** A file a WfFormat task reads or writes, by its name (its id in schema 1.5) and recorded size. */
public record WfFile(String name, long sizeBytes) {
}
