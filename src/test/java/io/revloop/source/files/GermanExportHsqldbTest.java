package io.revloop.source.files;

import io.revloop.support.TestDatabase;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class GermanExportHsqldbTest extends GermanExportScenarios {

    private static final Path INBOX = Path.of("target", "test-inbox", "german-hsqldb");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("german-export").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("revloop.sources.files.inbox", INBOX::toString);
    }

    @Override
    Path inbox() {
        return INBOX;
    }
}
