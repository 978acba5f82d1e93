package io.dagline.core.validation;

import java.util.Map;

/** Measures strings as they will be sent on the wire, without encoding them. */
final class Utf8 {

    private Utf8() {
    }

    static long argsBytes(Map<String, String> args) {
        long bytes = 0;
        for (Map.Entry<String, String> entry : args.entrySet()) {
            bytes += length(entry.getKey()) + length(entry.getValue());
        }
        return bytes;
    }

    static long length(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
