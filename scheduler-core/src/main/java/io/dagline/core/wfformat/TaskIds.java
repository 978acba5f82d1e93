package io.dagline.core.wfformat;

import io.dagline.core.model.Ids;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns WfFormat task ids into Dagline task ids ({@link Ids#PATTERN_TEXT}), deterministically.
 *
 * <p>An id that is already valid is kept unchanged, so that ids in logs and the gateway match the document.
 * Any other id has every disallowed character replaced by '_' and is cut to the length limit; if that
 * collides with another id, "-2", "-3", ... is appended. Valid ids are claimed first, so a rewritten id never
 * takes the name of a task that was valid as written.
 */
final class TaskIds {

    static final int MAX_LENGTH = 200;

    private TaskIds() {
    }

    /** @return each of the distinct {@code originals} mapped to its Dagline id, in the given order */
    static Map<String, String> assign(List<String> originals) {
        Set<String> taken = new HashSet<>();
        for (String original : originals) {
            if (Ids.isValid(original)) {
                taken.add(original);
            }
        }
        Map<String, String> idByOriginal = new LinkedHashMap<>();
        for (String original : originals) {
            idByOriginal.put(original, Ids.isValid(original) ? original : unclaimed(sanitise(original), taken));
        }
        return idByOriginal;
    }

    static String sanitise(String original) {
        StringBuilder id = new StringBuilder();
        original.codePoints().limit(MAX_LENGTH)
                .forEach(c -> id.append(c < 0x80 && Ids.isValid(String.valueOf((char) c)) ? (char) c : '_'));
        return id.length() == 0 ? "_" : id.toString();
    }

    private static String unclaimed(String base, Set<String> taken) {
        String candidate = base;
        for (int n = 2; !taken.add(candidate); n++) {
            String suffix = "-" + n;
            candidate = base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length())) + suffix;
        }
        return candidate;
    }
}
