package io.revloop.operations;

import io.revloop.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
        disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url=jdbc:postgresql://host:port/db")
class OperationsPostgresTest extends OperationsScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.postgres("revloop_operations").forEach((key, value) -> registry.add(key, () -> value));
        remotesAt(registry, "postgres");
    }

    @Override
    Path inbox() {
        return Path.of("target", "test-inbox", "operations-postgres");
    }
}
