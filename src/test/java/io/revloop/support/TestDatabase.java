package io.revloop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.util.FileSystemUtils;

/**
 * The two databases every SQL path is tested on. HSQLDB always runs (a file database under
 * target/); PostgreSQL runs when the system property {@code revloop.test.postgres.url} names one
 * (.ci/run sets it), in a schema of its own that is emptied once per test JVM.
 */
public final class TestDatabase {

    public static final String POSTGRES_URL_PROPERTY = "revloop.test.postgres.url";
    private static final java.util.Set<String> resetSchemas = new java.util.HashSet<>();
    /**
     * Spring keeps every test context alive, each with its connection pool: a pool of Hikari's default 10
     * per context would take more than PostgreSQL's 100 connections once a dozen contexts use it.
     * Idle connections are closed after 10 s, so contexts not in use hold none.
     */
    private static final Map<String, String> SMALL_POOL = Map.of(
            "spring.datasource.hikari.maximum-pool-size", "5",
            "spring.datasource.hikari.minimum-idle", "0",
            "spring.datasource.hikari.idle-timeout", "10000");

    private TestDatabase() {
    }

    public static boolean postgresConfigured() {
        String url = System.getProperty(POSTGRES_URL_PROPERTY, "");
        return !url.isBlank();
    }

    /** Datasource properties of a fresh HSQLDB file database named {@code name}. */
    public static Map<String, String> hsqldb(String name) {
        Path dir = Path.of("target", "test-db", name);
        try {
            FileSystemUtils.deleteRecursively(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", "jdbc:hsqldb:file:" + dir.toAbsolutePath()
                + "/revloop;hsqldb.default_table_type=cached;hsqldb.tx=mvcc;shutdown=true");
        properties.put("spring.datasource.username", "SA");
        properties.put("spring.datasource.password", "");
        properties.putAll(SMALL_POOL);
        return properties;
    }

    /** Datasource properties of the test schema in PostgreSQL, emptied on first use by this JVM. */
    public static Map<String, String> postgres() {
        return postgres("revloop_test");
    }

    /** Datasource properties of a schema of its own in PostgreSQL, emptied on first use by this JVM. */
    public static synchronized Map<String, String> postgres(String schema) {
        String url = System.getProperty(POSTGRES_URL_PROPERTY);
        String user = System.getProperty("revloop.test.postgres.user", "postgres");
        String password = System.getProperty("revloop.test.postgres.password", "");
        if (resetSchemas.add(schema)) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                statement.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + url + " is not reachable: " + e.getMessage(), e);
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?")
                + "currentSchema=" + schema);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("spring.flyway.schemas", schema);
        properties.putAll(SMALL_POOL);
        return properties;
    }
}
