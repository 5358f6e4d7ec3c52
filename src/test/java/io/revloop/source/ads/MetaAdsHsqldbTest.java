package io.revloop.source.ads;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class MetaAdsHsqldbTest extends MetaAdsScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("meta-ads").forEach((key, value) -> registry.add(key, () -> value));
        metaAt(registry);
    }
}
