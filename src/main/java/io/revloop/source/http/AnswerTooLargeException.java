package io.revloop.source.http;

import java.io.IOException;

/**
 * An answer, or one document in it, went past a limit of {@link HttpLimits}: reading stopped there.
 * An {@link IOException} so that it travels through the HTTP client's and the parser's reads; the
 * message names the limit and its setting.
 */
public class AnswerTooLargeException extends IOException {

    public AnswerTooLargeException(String message) {
        super(message);
    }

    /** The first {@code AnswerTooLargeException} in {@code failure}'s causes, or null. */
    public static AnswerTooLargeException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AnswerTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
