package io.revloop.source.salesforce;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SalesforceSyncHsqldbTest extends SalesforceSyncScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("salesforce-sync").forEach((key, value) -> registry.add(key, () -> value));
        salesforceAt(registry, "hsqldb");
    }
}
