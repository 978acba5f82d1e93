package io.dagline.core.sim;

import java.util.regex.Pattern;

/**
 * The kind of a WfCommons task, from its id: {@code mProject_ID0000001} → {@code mProject},
 * {@code NFCORE_RNASEQ.RNASEQ.QUANTIFY.SALMON_QUANT_12} → {@code SALMON}. Used as the FAIR/DRF pool of replayed
 * workflows, so that fairness is between the kinds of tasks of a workflow, as between Spark jobs.
 */
final class TaskKinds {

    private static final Pattern NUMBER_SUFFIX = Pattern.compile("(_ID)?[_-]?\\d+$");

    private TaskKinds() {
    }

    static String kindOf(String id) {
        String kind = NUMBER_SUFFIX.matcher(id).replaceFirst("");
        kind = kind.substring(kind.lastIndexOf('.') + 1);
        int underscore = kind.indexOf('_');
        String first = underscore > 0 ? kind.substring(0, underscore) : kind;
        return first.isEmpty() ? "default" : first;
    }
}
