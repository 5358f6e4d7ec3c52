package io.revloop.source.check;

import io.revloop.source.http.AuthenticationException;
import io.revloop.source.http.HttpStatusException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the check of an HTTP connector says a failure of its client ({@code HttpJsonClient},
 * {@code OAuthToken}): {@code system} names the server ("HubSpot"), {@code url} its base URL and
 * {@code tokenUrl} its OAuth token endpoint (null without one); {@code credentials} the settings to
 * check after a 401, {@code forbidden} and {@code notFound} what a 403 and a 404 mean for this check.
 */
public record RemoteWords(String system, String url, String tokenUrl, String credentials, String forbidden,
                          String notFound) {

    /** The status and the server's own words in a client's message ("status 403: MISSING_SCOPES, …"). */
    private static final Pattern ANSWER = Pattern.compile("status (\\d{3})(?::\\s*(.*?))?(?:\\)?; check .*)?$",
            Pattern.DOTALL);
    private static final int MAX_SERVER_TEXT = 200;

    public String explain(Exception failure) {
        if (failure instanceof TimeoutException) {
            return failure.getMessage() + ": " + url;
        }
        String where = failure instanceof HttpStatusException || tokenUrl == null ? url : tokenUrl;
        Optional<String> unreachable = unreachable(failure, where);
        if (unreachable.isPresent()) {
            return unreachable.get();
        }
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof AuthenticationException) {
            String who = message.startsWith("the OAuth token endpoint") ? system + ": the OAuth token endpoint" : system;
            return who + " refused the credentials (" + answer(message, "401") + "): check " + credentials;
        }
        if (failure instanceof HttpStatusException answered && answered.status() == 403) {
            return system + ": " + forbidden + " (" + answer(message, "403") + ")";
        }
        if (failure instanceof HttpStatusException answered && answered.status() == 404) {
            return system + ": " + notFound + " (" + answer(message, "404") + ")";
        }
        return message.startsWith(system) ? message : system + ": " + message;
    }

    /**
     * A request that never reached a server said as such, with the address it went to: a refused
     * connection, an unknown host, a connection or answer that timed out; empty for any other failure.
     */
    public static Optional<String> unreachable(Throwable failure, String where) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return Optional.of("connection refused: " + where);
            }
            if (cause instanceof UnknownHostException) {
                return Optional.of("unknown host: " + where);
            }
            if (cause instanceof InterruptedIOException) {
                return Optional.of("no answer in time: " + where);
            }
        }
        return Optional.empty();
    }

    /** "403: the server's words", shortened; just the status when the server said nothing. */
    private static String answer(String message, String fallback) {
        Matcher matcher = ANSWER.matcher(message);
        if (!matcher.find()) {
            return fallback;
        }
        String words = matcher.group(2) == null ? "" : matcher.group(2).strip();
        if (words.length() > MAX_SERVER_TEXT) {
            words = words.substring(0, MAX_SERVER_TEXT) + "…";
        }
        return words.isEmpty() ? matcher.group(1) : matcher.group(1) + ": " + words;
    }
}
