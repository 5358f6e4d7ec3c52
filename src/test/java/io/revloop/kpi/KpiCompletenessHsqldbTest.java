package io.revloop.kpi;

import io.revloop.support.TestDatabase;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class KpiCompletenessHsqldbTest extends KpiCompletenessScenarios {

    private static final Path INBOX = Path.of("target", "test-inbox", "kpi-completeness-hsqldb");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("kpi-completeness").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("revloop.sources.files.inbox", INBOX::toString);
    }

    @Override
    Path inbox() {
        return INBOX;
    }
}
