package io.revloop.sink.webhook;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class WebhookHsqldbTest extends WebhookScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("webhook").forEach((key, value) -> registry.add(key, () -> value));
        receiverAt(registry, "hsqldb");
    }
}
