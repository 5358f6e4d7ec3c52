package io.revloop.source.http;

/** The server refused the credentials (401), also after one refresh where the credentials allow one. */
public class AuthenticationException extends HttpStatusException {

    public AuthenticationException(String message) {
        super(401, message);
    }
}
