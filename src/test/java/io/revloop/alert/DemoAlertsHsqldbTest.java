package io.revloop.alert;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class DemoAlertsHsqldbTest extends DemoAlertsScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("demo-alerts").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("revloop.sources.files.inbox", () -> emptyInbox("demo-alerts-hsqldb"));
    }
}
