package io.revloop.source.http;

/**
 * A request the server answered with a status that retrying does not fix (or that stayed after
 * the retries). The message names the request and the server's answer, never the credentials.
 */
public class HttpStatusException extends RuntimeException {

    private final int status;

    public HttpStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** {@code cause}: what kept the server from answering (a refused connection, a timeout), if that was it. */
    public HttpStatusException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
