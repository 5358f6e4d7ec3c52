package io.revloop.source.ads;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class LinkedInAdsHsqldbTest extends LinkedInAdsScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("linkedin-ads").forEach((key, value) -> registry.add(key, () -> value));
        linkedInAt(registry);
    }
}
