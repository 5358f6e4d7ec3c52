package io.revloop.config;

/** The store cannot be used: the message says why and which setting to check. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
