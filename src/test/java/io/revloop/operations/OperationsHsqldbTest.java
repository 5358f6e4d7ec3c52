package io.revloop.operations;

import io.revloop.support.TestDatabase;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class OperationsHsqldbTest extends OperationsScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("operations").forEach((key, value) -> registry.add(key, () -> value));
        remotesAt(registry, "hsqldb");
    }

    @Override
    Path inbox() {
        return Path.of("target", "test-inbox", "operations-hsqldb");
    }
}
