package io.revloop.source.files;

import io.revloop.support.SyncApi;
import io.revloop.sync.SyncRunner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * What the inbox scenarios share: an empty store and inbox before each test, files dropped as a
 * user drops them (written before the settle time, so they are imported at once), runs started
 * through the REST API, and reading the results back.
 */
abstract class InboxTestSupport {

    /** How long ago a dropped file was last written: well before any settle time the scenarios use. */
    static final Duration DROPPED_AGO = Duration.ofMinutes(10);
    private static final List<String> TABLES = List.of("accounts", "leads", "deals", "deal_stage_changes",
            "campaigns", "touchpoints", "ad_spend", "web_traffic", "activities", "mrr", "costs", "quotas",
            "survey_responses", "fx_rates", "sync_runs", "sync_state", "dead_letters");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner syncRunner;

    abstract Path inbox();

    @BeforeEach
    void emptyStoreAndInbox() throws Exception {
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
        FileSystemUtils.deleteRecursively(inbox());
        Files.createDirectories(inbox());
    }

    Map<String, Object> runFiles() throws InterruptedException {
        Map<String, Object> run = SyncApi.run(http, "files");
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");
        return run;
    }

    List<Map<String, Object>> deadLetters(Map<String, Object> run) {
        return SyncApi.deadLetters(http, run).stream().sorted((a, b) -> (a.get("file") + ":" + a.get("line"))
                .compareTo(b.get("file") + ":" + b.get("line"))).toList();
    }

    /** The dead letters' reasons by file and line ({@code leads.csv:3}). */
    Map<String, String> reasons(Map<String, Object> run) {
        return deadLetters(run).stream().collect(java.util.stream.Collectors.toMap(
                l -> l.get("file") + ":" + l.get("line"), l -> (String) l.get("reason")));
    }

    void write(String file, String content) throws IOException {
        writeBytes(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void writeBytes(String file, byte[] content) throws IOException {
        dropped(Files.write(inbox().resolve(file), content));
    }

    /** Dates the file back to when it was dropped. */
    static void dropped(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(DROPPED_AGO)));
    }

    long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    BigDecimal decimal(String sql) {
        return jdbc.queryForObject(sql, BigDecimal.class);
    }

    Instant instant(String sql) {
        return jdbc.queryForObject(sql, OffsetDateTime.class).toInstant();
    }
}
