package io.revloop.kpi.attribution;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class AttributionHsqldbTest extends AttributionScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("attribution").forEach((key, value) -> registry.add(key, () -> value));
    }
}
