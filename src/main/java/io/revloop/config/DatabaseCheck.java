package io.revloop.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Connects once to a server database (PostgreSQL, …) before the hub builds anything on it, so a
 * wrong user, password, URL or a server that is down stops the start with one sentence naming the
 * setting (see {@link DatabaseProblem}) instead of a failure deep inside Flyway. The embedded
 * HSQLDB file database is not opened twice for this; its failures are explained by
 * {@link StartupFailureAnalyzer}. Registered in {@code META-INF/spring.factories}.
 */
public class DatabaseCheck implements ApplicationListener<ApplicationPreparedEvent> {

    private static final int TIMEOUT_SECONDS = 10;

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.startsWith("jdbc:hsqldb:")) {
            return;
        }
        String user = environment.getProperty("spring.datasource.username", "");
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", environment.getProperty("spring.datasource.password", ""));
        login.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        login.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(url, login)) {
            connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(DatabaseProblem.describe(e, url, user), e);
        }
    }
}
