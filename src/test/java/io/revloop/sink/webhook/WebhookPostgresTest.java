package io.revloop.sink.webhook;

import io.revloop.support.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
        disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url=jdbc:postgresql://host:port/db")
class WebhookPostgresTest extends WebhookScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.postgres("webhook_test").forEach((key, value) -> registry.add(key, () -> value));
        receiverAt(registry, "postgres");
    }
}
