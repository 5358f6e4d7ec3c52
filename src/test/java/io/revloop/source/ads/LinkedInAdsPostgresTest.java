package io.revloop.source.ads;

import io.revloop.support.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
        disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url=jdbc:postgresql://host:port/db")
class LinkedInAdsPostgresTest extends LinkedInAdsScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.postgres("linkedin_ads_test").forEach((key, value) -> registry.add(key, () -> value));
        linkedInAt(registry);
    }
}
