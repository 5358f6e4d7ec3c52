package io.revloop.store;

import io.revloop.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration
public class StoreConfiguration {

    private static final String HSQLDB_FILE = "jdbc:hsqldb:file:";

    @Bean
    public SqlDialect sqlDialect(DataSource dataSource) {
        return SqlDialect.of(dataSource);
    }

    /**
     * Creates the directory of an embedded HSQLDB file database ({@code revloop.data-dir} by default)
     * owner-only before the database is opened; HSQLDB would create it readable by everyone.
     */
    @Bean
    static BeanPostProcessor embeddedDatabaseDirectory(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                String url = environment.getProperty("spring.datasource.url", "");
                if (bean instanceof DataSource && url.startsWith(HSQLDB_FILE)) {
                    createParentOf(Path.of(url.substring(HSQLDB_FILE.length()).split(";", 2)[0]));
                }
                return bean;
            }
        };
    }

    private static void createParentOf(Path database) {
        Path dir = database.toAbsolutePath().getParent();
        try {
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + dir, e);
        }
    }
}
