package io.revloop.sink;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SinkPushHsqldbTest extends SinkPushScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("sink-push").forEach((key, value) -> registry.add(key, () -> value));
        receiversAt(registry, "hsqldb");
    }
}
