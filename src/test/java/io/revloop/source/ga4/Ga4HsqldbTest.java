package io.revloop.source.ga4;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class Ga4HsqldbTest extends Ga4Scenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestDatabase.hsqldb("ga4").forEach((key, value) -> registry.add(key, () -> value));
        ga4At(registry, "hsqldb");
    }
}
