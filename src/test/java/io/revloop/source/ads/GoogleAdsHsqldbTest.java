package io.revloop.source.ads;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class GoogleAdsHsqldbTest extends GoogleAdsScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("google-ads").forEach((key, value) -> registry.add(key, () -> value));
        googleAt(registry, "hsqldb");
    }
}
