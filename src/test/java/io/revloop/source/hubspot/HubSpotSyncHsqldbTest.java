package io.revloop.source.hubspot;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class HubSpotSyncHsqldbTest extends HubSpotSyncScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("hubspot-sync").forEach((key, value) -> registry.add(key, () -> value));
        hubspotAt(registry, "hsqldb");
    }
}
