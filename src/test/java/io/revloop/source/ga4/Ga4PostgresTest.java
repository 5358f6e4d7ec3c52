package io.revloop.source.ga4;

import io.revloop.support.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
        disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url=jdbc:postgresql://host:port/db")
class Ga4PostgresTest extends Ga4Scenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestDatabase.postgres("ga4_test").forEach((key, value) -> registry.add(key, () -> value));
        ga4At(registry, "postgres");
    }
}
