package io.revloop.alert;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class AlertHsqldbTest extends AlertScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("alerts").forEach((key, value) -> registry.add(key, () -> value));
        slackAt(registry, "hsqldb");
    }
}
