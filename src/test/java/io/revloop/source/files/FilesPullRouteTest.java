package io.revloop.source.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.revloop.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** The files-pull route: the Quartz schedule imports what is dropped, and records nothing while the inbox is empty. */
@SpringBootTest(properties = {
        "revloop.demo.enabled=false",
        "revloop.sources.files.schedule=* * * * * ?",
        "revloop.sources.files.settle-time=0s"})
class FilesPullRouteTest {

    private static final Path INBOX = Path.of("target", "test-inbox", "route");

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestDatabase.hsqldb("files-route").forEach((key, value) -> registry.add(key, () -> value));
        FileSystemUtils.deleteRecursively(INBOX);
        Files.createDirectories(INBOX);
        registry.add("revloop.sources.files.inbox", INBOX::toString);
    }

    @Test
    void theScheduleImportsDroppedFilesAndRecordsNoRunWhileTheInboxIsEmpty() throws Exception {
        Thread.sleep(2500);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_runs", Long.class))
                .as("polls of an empty inbox are not runs").isZero();

        Files.writeString(INBOX.resolve("campaigns.csv"), "id,name,channel\nc1,Spring launch,Email\n");

        Map<String, Object> run = awaitRun();
        assertThat(run).containsEntry("STATUS", "succeeded").containsEntry("TRIGGER_KIND", "schedule");
        assertThat(((Number) run.get("UPSERTED")).longValue()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT name FROM campaigns WHERE external_id = 'c1'", String.class))
                .isEqualTo("Spring launch");
    }

    private Map<String, Object> awaitRun() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            var runs = jdbc.queryForList("SELECT status, trigger_kind, upserted FROM sync_runs WHERE status <> 'running'");
            if (!runs.isEmpty()) {
                return runs.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the schedule did not import the dropped file");
    }
}
