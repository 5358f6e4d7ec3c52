package io.revloop.security;

import io.revloop.support.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIf(value = "io.revloop.support.TestDatabase#postgresConfigured",
        disabledReason = "PostgreSQL tests skipped: set -Drevloop.test.postgres.url")
class SecretCanaryPostgresTest extends SecretCanaryScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        // the test server trusts local connections, so the canary password is sent and ignored
        configure(registry, "postgres", TestDatabase.postgres("revloop_test_canary"));
    }
}
