package io.revloop.kpi.scoring;

import io.revloop.support.TestDatabase;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class LeadScoringHsqldbTest extends LeadScoringScenarios {

    private static final Path INBOX = Path.of("target", "test-inbox", "scoring-hsqldb");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("scoring").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("revloop.sources.files.inbox", INBOX::toString);
    }

    @Override
    Path inbox() {
        return INBOX;
    }
}
