package io.revloop.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The databases the store runs on; SQL is portable except where a dialect needs its own form. */
public enum SqlDialect {
    HSQLDB,
    POSTGRESQL;

    public static SqlDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (product.startsWith("HSQL")) {
                return HSQLDB;
            }
            if (product.startsWith("PostgreSQL")) {
                return POSTGRESQL;
            }
            throw new IllegalStateException("Unsupported database " + product + "; revloop runs on HSQLDB or PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the database: " + e.getMessage(), e);
        }
    }
}
