package io.revloop.kpi;

import io.revloop.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
        disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url=jdbc:postgresql://host:port/db")
class KpiCompletenessPostgresTest extends KpiCompletenessScenarios {

    private static final Path INBOX = Path.of("target", "test-inbox", "kpi-completeness-postgres");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.postgres("kpi_completeness_test").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("revloop.sources.files.inbox", INBOX::toString);
    }

    @Override
    Path inbox() {
        return INBOX;
    }
}
