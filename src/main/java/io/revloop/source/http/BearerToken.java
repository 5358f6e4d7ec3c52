package io.revloop.source.http;

/**
 * The bearer token sent as {@code Authorization: Bearer …}. A token that can be renewed (OAuth)
 * does so in {@link #refresh()}, which the client calls once when the server answers 401; a fixed
 * token (an API key, a private app's token) cannot, and the 401 ends the request.
 */
public interface BearerToken {

    String value();

    /** Renews the token; returns false when it cannot be renewed. */
    default boolean refresh() {
        return false;
    }

    static BearerToken fixed(String token) {
        return () -> token;
    }
}
