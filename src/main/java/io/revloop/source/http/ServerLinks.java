package io.revloop.source.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Checks what a server hands back to be sent again — a paging token, a next link — before any
 * request carries it, so a crafted answer cannot send the credentials elsewhere. What does not fit
 * the API's documented shape ends the run with an {@link UnexpectedLinkException}; nothing is
 * requested with it.
 */
public final class ServerLinks {

    /** URL-safe and base64 characters: every API's opaque cursors fit, no URL syntax does. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{1,1024}");

    private ServerLinks() {
    }

    /** A server's paging token that does not fit the API's shape. */
    public static class UnexpectedLinkException extends RuntimeException {
        public UnexpectedLinkException(String message) {
            super(message);
        }
    }

    /**
     * {@code value} when it is a paging token (1–1024 URL-safe or base64 characters), null when absent
     * or blank.
     */
    public static String token(String system, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!TOKEN.matcher(value).matches()) {
            throw new UnexpectedLinkException(system + " answered a " + field + " that is not a paging token ('"
                    + printable(value) + "'); no request was sent with it");
        }
        return value;
    }

    /**
     * Checks that {@code link}, a full URL, points to {@code path} on {@code base}'s scheme, host and
     * port.
     */
    public static void requireSameEndpoint(String system, String field, String link, URI base, String path) {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException notAUri) {
            throw unexpected(system, field, link, base, path);
        }
        if (!base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                || !base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost())) || port(base) != port(uri) || uri.getRawUserInfo() != null || !path.equals(uri.getPath())) {
            throw unexpected(system, field, link, base, path);
        }
    }

    private static UnexpectedLinkException unexpected(String system, String field, String link, URI base, String path) {
        return new UnexpectedLinkException(system + " answered a " + field + " outside " + base.getScheme() + "://"
                + base.getAuthority() + path + " ('" + printable(link) + "'); no request was sent to it");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A server's value as a message may show it: control characters replaced, at most 120 characters. */
    public static String printable(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 120 ? printable.substring(0, 120) + "…" : printable;
    }
}
