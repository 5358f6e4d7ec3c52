package io.revloop.config;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What a failed database connection means for the person starting the hub, in one sentence that
 * names the setting to check — instead of a stack trace through Flyway and Hikari.
 */
final class DatabaseProblem {

    private static final String URL_KEYS = "spring.datasource.url (REVLOOP_DB_URL with the postgres profile)";
    private static final String LOGIN_KEYS = "spring.datasource.username / spring.datasource.password"
            + " (REVLOOP_DB_USER / REVLOOP_DB_PASSWORD with the postgres profile)";

    private DatabaseProblem() {
    }

    /** Whether {@code failure} is about getting a connection (login, reachability, lock), not about a statement. */
    static boolean isAboutConnecting(SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        return state.startsWith("28") || state.equals("3D000") || state.startsWith("08")
                || message.contains("lock") || causedBy(failure, ConnectException.class)
                || causedBy(failure, UnknownHostException.class) || causedBy(failure, SocketTimeoutException.class);
    }

    /** The sentence for {@code failure}, a connection to {@code url} as {@code user}. */
    static String describe(SQLException failure, String url, String user) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        String message = String.valueOf(failure.getMessage()).strip();
        String where = "the database at " + withoutSecrets(url);
        if (state.startsWith("28")) {
            return where + " refused the login of user '" + user + "' (" + message + "). Check " + LOGIN_KEYS + ".";
        }
        if (state.equals("3D000")) {
            return where + " does not exist (" + message + "). Create it (e.g. createdb revloop) or correct "
                    + URL_KEYS + ".";
        }
        if (message.toLowerCase(Locale.ROOT).contains("lock")) {
            return where + " is in use by another process (" + message + "): is another hub running with the same"
                    + " revloop.data-dir? Stop it, or give this one its own revloop.data-dir.";
        }
        if (state.startsWith("08") || causedBy(failure, ConnectException.class)
                || causedBy(failure, UnknownHostException.class) || causedBy(failure, SocketTimeoutException.class)) {
            return where + " cannot be reached (" + message + "). Check " + URL_KEYS
                    + " and that the database server runs and accepts connections from this machine.";
        }
        return where + " refused the connection (" + message + (state.isEmpty() ? "" : ", SQL state " + state)
                + "). Check " + URL_KEYS + " and " + LOGIN_KEYS + ".";
    }

    /** The URL without query parameters, which may hold a password. */
    static String withoutSecrets(String url) {
        if (url == null) {
            return "(no spring.datasource.url)";
        }
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        int options = base.indexOf(';');
        return options < 0 ? base : base.substring(0, options);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
