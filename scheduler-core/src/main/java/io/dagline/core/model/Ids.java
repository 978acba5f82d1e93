package io.dagline.core.model;

import java.util.regex.Pattern;

/** The rule every job id and task id obeys. */
public final class Ids {

    /**
     * No slash: state-store and topic keys are {@code jobId/partition/taskId}, so a slash inside an id
     * would make keys ambiguous.
     */
    public static final String PATTERN_TEXT = "[A-Za-z0-9._:@-]{1,200}";

    private static final Pattern PATTERN = Pattern.compile(PATTERN_TEXT);

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
