package io.revloop.alert;

import io.revloop.support.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
        disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url=jdbc:postgresql://host:port/db")
class AlertPostgresTest extends AlertScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.postgres("alerts_test").forEach((key, value) -> registry.add(key, () -> value));
        slackAt(registry, "postgres");
    }
}
