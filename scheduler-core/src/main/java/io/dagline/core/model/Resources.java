package io.dagline.core.model;

/**
 * What one attempt of a task asks for. Not validated here: {@code JobValidator} reports bad values
 * so that a client sees every problem of its job at once instead of the first exception.
 */
public record Resources(double cpu, long memoryMb) {

    public static final Resources DEFAULT = new Resources(1.0, 0);
}
