package io.revloop.config;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns the start-up failures a user causes by configuration into a few lines naming the setting:
 * unknown keys, an unusable database. Registered in {@code META-INF/spring.factories}.
 */
class StartupFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    StartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        UnknownConfigurationKeysException unknownKeys = find(failure, UnknownConfigurationKeysException.class);
        if (unknownKeys != null) {
            return new FailureAnalysis("The configuration sets keys the hub does not know:\n  "
                    + String.join("\n  ", unknownKeys.problems()),
                    "Correct or remove these keys. A mistyped key would otherwise be ignored silently.", unknownKeys);
        }
        DatabaseUnavailableException unavailable = find(failure, DatabaseUnavailableException.class);
        if (unavailable != null) {
            return new FailureAnalysis("The hub cannot use its store: " + unavailable.getMessage(),
                    "Correct the database settings (README, section PostgreSQL) and start again.", unavailable);
        }
        SQLException database = find(failure, SQLException.class);
        if (database != null && environment != null && DatabaseProblem.isAboutConnecting(database)) {
            String url = environment.getProperty("spring.datasource.url");
            String user = environment.getProperty("spring.datasource.username", "");
            return new FailureAnalysis("The hub cannot use its store: " + DatabaseProblem.describe(database, url, user),
                    "Correct the database settings (README, section PostgreSQL) and start again.", database);
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
