package io.dagline.core.wfformat;

/** A document that is not a WfFormat workflow Dagline can read; the message says what is wrong where. */
public final class WfFormatException extends RuntimeException {

    public WfFormatException(String message) {
        super(message);
    }

    public WfFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
