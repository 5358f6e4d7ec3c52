package io.revloop.source.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.revloop.support.CrashSwitch;
import io.revloop.support.DataSourceWrapping;
import io.revloop.support.OwnerOnly;
import io.revloop.support.SyncApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The file inbox end to end, through the REST API over real HTTP: files dropped into the inbox,
 * a run started with POST /api/syncs?source=files, results read from the store and the API.
 * Runs once per database (see the subclasses). Fields and records are capped small (64 KB and
 * 256 KB characters) so that files breaking the caps stay a few MB; the default number format
 * ({@code en}) and no date order apply.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=60s",
        "revloop.sources.files.batch-size=2",
        "revloop.sources.files.max-field-size=64KB",
        "revloop.sources.files.max-record-size=256KB"})
@Import(FileImportScenarios.Crashable.class)
abstract class FileImportScenarios extends InboxTestSupport {

    private static final Path DROPS = Path.of("src/test/resources/drops");
    private static final int FIELD_CAP = 64 * 1024;
    private static final int RECORD_CAP = 256 * 1024;

    CrashSwitch crashSwitch;

    @TestConfiguration
    static class Crashable {
        @Bean
        static BeanPostProcessor crashableDataSource() {
            return DataSourceWrapping.wrapWith(CrashSwitch.class, CrashSwitch::new);
        }
    }

    @BeforeEach
    void disarmCrashSwitch(@Autowired DataSource dataSource) {
        crashSwitch = (CrashSwitch) dataSource;
        crashSwitch.disarm();
    }

    @Test
    void importsEveryEntityOfTheFormat() throws Exception {
        drop("complete");

        Map<String, Object> run = runFiles();

        assertThat(run.get("status")).isEqualTo("succeeded");
        assertThat(run.get("error")).isNull();
        // 2 accounts + 2 campaigns + 2 leads + 2 deals + 3 stage changes + 3 touchpoints + 1 activity
        // + 2 ad spend + 2 web traffic + 2 mrr + 3 costs + 1 quota + 2 fx rates + 2 surveys = 29
        assertThat(run).containsEntry("recordsRead", 29).containsEntry("upserted", 29)
                .containsEntry("deleted", 0).containsEntry("deadLettered", 0);

        assertThat(count("accounts")).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT name FROM accounts WHERE external_id = 'acc-2'", String.class))
                .isEqualTo("Bergmann & Söhne AG");
        assertThat(jdbc.queryForObject("SELECT name FROM accounts WHERE external_id = 'acc-1'", String.class))
                .as("quotes inside a value survive the store's own COPY text").isEqualTo("Nordlicht \"Nord\" GmbH");
        assertThat(jdbc.queryForObject("SELECT employees FROM accounts WHERE external_id = 'acc-2'", Long.class))
                .isEqualTo(1200L);

        // the email is trimmed and lower-cased: it is the identity key across systems
        assertThat(jdbc.queryForObject("SELECT email FROM leads WHERE external_id = 'ld-1'", String.class))
                .isEqualTo("anna.schmidt@nordlicht.example");
        // 2026-01-12T08:30:00+01:00 is 07:30 UTC
        assertThat(instant("SELECT sql_at FROM leads WHERE external_id = 'ld-1'"))
                .isEqualTo(Instant.parse("2026-01-12T07:30:00Z"));
        assertThat(jdbc.queryForObject("SELECT score FROM leads WHERE external_id = 'ld-1'", Integer.class))
                .isEqualTo(72);
        assertThat(instant("SELECT disqualified_at FROM leads WHERE external_id = 'ld-2'"))
                .isEqualTo(Instant.parse("2026-01-20T12:00:00Z"));

        assertThat(decimal("SELECT amount FROM deals WHERE external_id = 'dl-2'")).isEqualByComparingTo("5000.50");
        assertThat(jdbc.queryForObject("SELECT currency FROM deals WHERE external_id = 'dl-2'", String.class))
                .isEqualTo("USD");
        assertThat(jdbc.queryForObject("SELECT is_won FROM deals WHERE external_id = 'dl-1'", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("SELECT is_won FROM deals WHERE external_id = 'dl-2'", Boolean.class)).isNull();
        assertThat(jdbc.queryForObject("SELECT expected_close_date FROM deals WHERE external_id = 'dl-1'",
                LocalDate.class)).isEqualTo(LocalDate.of(2026, 2, 28));

        assertThat(jdbc.queryForList("SELECT stage FROM deal_stage_changes WHERE deal_external_id = 'dl-1'"
                + " ORDER BY entered_at", String.class)).containsExactly("qualification", "proposal", "closed_won");
        assertThat(jdbc.queryForList("SELECT touch_type FROM touchpoints WHERE lead_external_id = 'ld-1'"
                + " ORDER BY occurred_at", String.class)).containsExactly("ad_click", "form");
        assertThat(jdbc.queryForObject("SELECT activity_type FROM activities", String.class)).isEqualTo("call");
        assertThat(instant("SELECT occurred_at FROM activities")).as("microseconds kept")
                .isEqualTo(Instant.parse("2026-01-05T09:03:00.040506Z"));
        // "paid social" is the canonical channel Paid Social
        assertThat(jdbc.queryForObject("SELECT channel FROM campaigns WHERE external_id = 'cmp-l1'", String.class))
                .isEqualTo("Paid Social");

        assertThat(decimal("SELECT cost FROM ad_spend WHERE platform = 'google_ads'")).isEqualByComparingTo("512.34");
        assertThat(decimal("SELECT conversions FROM ad_spend WHERE platform = 'linkedin_ads'"))
                .isEqualByComparingTo("1.5");
        assertThat(jdbc.queryForObject("SELECT SUM(sessions) FROM web_traffic", Long.class)).isEqualTo(2100L);
        // 2026-03 and 2026-04-01 are both stored as the first day of their month
        assertThat(jdbc.queryForList("SELECT month_start FROM mrr ORDER BY month_start", LocalDate.class))
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
        // the cost without channel is a row of its own, next to the Events one
        assertThat(decimal("SELECT SUM(amount) FROM costs WHERE category = 'marketing'"))
                .isEqualByComparingTo("10500.00");
        assertThat(decimal("SELECT amount FROM quotas WHERE owner = 'jonas.weber'")).isEqualByComparingTo("90000");
        assertThat(decimal("SELECT rate FROM fx_rates WHERE rate_date = DATE '2026-02-01'"))
                .isEqualByComparingTo("0.915");
        assertThat(jdbc.queryForList("SELECT survey_type || ':' || score FROM survey_responses ORDER BY survey_type",
                String.class)).containsExactly("csat:4", "nps:9");

        try (Stream<Path> left = Files.list(inbox())) {
            assertThat(left.filter(Files::isRegularFile)).as("imported files are archived").isEmpty();
        }
        assertThat(inbox().resolve("archive/run-" + run.get("id") + "/leads.csv")).exists();
    }

    @Test
    void badRowsAreDeadLetteredWithTheirLineWhileGoodRowsLand() throws Exception {
        write("leads.csv", """
                id,email,created_at,score
                ok-1,a@example.com,2026-03-01T10:00:00Z,10
                bad-date,b@example.com,2026-02-30,20
                ok-2,c@example.com,2026-03-02T10:00:00Z,30
                ,d@example.com,2026-03-02T11:00:00Z,40
                ok-3,"e@example.com",2026-03-03T10:00:00Z,250
                """);
        write("deal_stages.csv", """
                deal_id,stage,entered_at
                no-such-deal,proposal,2026-03-05T10:00:00Z
                """);

        Map<String, Object> run = runFiles();

        assertThat(run.get("status")).isEqualTo("succeeded");
        assertThat(run).containsEntry("recordsRead", 6).containsEntry("upserted", 2).containsEntry("deadLettered", 4);
        assertThat(jdbc.queryForList("SELECT external_id FROM leads ORDER BY external_id", String.class))
                .containsExactly("ok-1", "ok-2");

        List<Map<String, Object>> letters = deadLetters(run);
        assertThat(letters).extracting(l -> l.get("file") + ":" + l.get("line")).containsExactly(
                "deal_stages.csv:2", "leads.csv:3", "leads.csv:5", "leads.csv:6");
        assertThat(letters.get(0).get("reason")).asString().contains("unknown deal 'no-such-deal'");
        assertThat(letters.get(1).get("reason")).asString().contains("created_at '2026-02-30'");
        assertThat(letters.get(1).get("payload")).isEqualTo("bad-date,b@example.com,2026-02-30,20");
        assertThat(letters.get(2).get("reason")).asString().contains("id is required");
        assertThat(letters.get(3).get("reason")).asString().contains("score 250 is outside 0–100");
    }

    @Test
    void reimportingTheSameFilesChangesNothing() throws Exception {
        drop("complete");
        Map<String, Object> first = runFiles();
        assertThat(first.get("upserted")).isEqualTo(29);
        List<Map<String, Object>> before = jdbc.queryForList("SELECT external_id, updated_at, sync_run_id FROM leads"
                + " ORDER BY external_id");

        drop("complete");
        Map<String, Object> second = runFiles();

        assertThat(second.get("status")).isEqualTo("succeeded");
        assertThat(second).containsEntry("recordsRead", 29).containsEntry("upserted", 0).containsEntry("deleted", 0)
                .containsEntry("deadLettered", 0);
        assertThat(count("leads")).isEqualTo(2);
        assertThat(count("deal_stage_changes")).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT external_id, updated_at, sync_run_id FROM leads ORDER BY external_id"))
                .isEqualTo(before);
    }

    @Test
    void aChangedRecordIsUpdatedAndADeletedOneSoftDeleted() throws Exception {
        write("accounts.csv", """
                id,name,industry
                a1,Alpha,Software
                a2,Beta,Retail
                """);
        runFiles();
        write("accounts.csv", """
                id,name,industry,deleted_at
                a1,Alpha,Logistics,
                a2,Beta,Retail,2026-05-01T00:00:00Z
                """);

        Map<String, Object> run = runFiles();

        assertThat(run).containsEntry("recordsRead", 2).containsEntry("upserted", 1).containsEntry("deleted", 1);
        assertThat(jdbc.queryForObject("SELECT industry FROM accounts WHERE external_id = 'a1'", String.class))
                .isEqualTo("Logistics");
        assertThat(instant("SELECT deleted_at FROM accounts WHERE external_id = 'a2'"))
                .isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(count("accounts")).as("a soft delete keeps the row").isEqualTo(2);
    }

    @Test
    void aRecordRepeatedLaterInTheFileEndsWithItsLastValue() throws Exception {
        // batch size 2: [a1, a2] [a3, a1] [a1, a4] — a1 in three batches, the last one wins
        write("accounts.csv", """
                id,name
                a1,First
                a2,Beta
                a3,Gamma
                a1,Second
                a1,Third
                a4,Delta
                """);

        Map<String, Object> run = runFiles();

        assertThat(run.get("status")).isEqualTo("succeeded");
        assertThat(count("accounts")).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT name FROM accounts WHERE external_id = 'a1'", String.class))
                .isEqualTo("Third");
    }

    @Test
    void unknownColumnsAreKeptAside() throws Exception {
        write("leads.csv", """
                id,created_at,bant_budget__c,gclid__c
                l1,2026-03-01T10:00:00Z,yes,
                """);

        runFiles();

        assertThat(jdbc.queryForObject("SELECT extra FROM leads WHERE external_id = 'l1'", String.class))
                .isEqualTo("{\"bant_budget__c\":\"yes\"}");
    }

    @Test
    void aFileWithABrokenHeaderIsRejectedWholeAndLeftInPlace() throws Exception {
        write("leads.csv", """
                id,email,created
                l1,a@example.com,2026-03-01T10:00:00Z
                """);
        write("notes.csv", """
                id,text
                n1,hello
                """);
        write("campaigns.csv", """
                id,name
                c1,Spring launch
                """);

        Map<String, Object> run = runFiles();

        assertThat(run.get("status")).isEqualTo("failed");
        assertThat(run.get("error")).asString()
                .contains("leads.csv: header misses required column created_at")
                .contains("notes.csv: unknown file name");
        assertThat(count("leads")).isZero();
        assertThat(count("campaigns")).as("the good file of the drop is imported").isEqualTo(1);
        assertThat(inbox().resolve("leads.csv")).exists();
        assertThat(inbox().resolve("notes.csv")).exists();
        assertThat(deadLetters(run)).extracting(l -> l.get("file")).containsExactlyInAnyOrder("leads.csv", "notes.csv");
    }

    @Test
    void aFileWithARepeatedColumnOrMalformedQuotingIsRejected() throws Exception {
        write("accounts.csv", """
                id,name,name
                a1,Alpha,Beta
                """);
        write("campaigns.csv", "id,name\nc1,\"never closed\nc2,Other\n");

        Map<String, Object> run = runFiles();

        assertThat(run.get("error")).asString().contains("accounts.csv: header repeats column name")
                .contains("campaigns.csv: malformed CSV");
        assertThat(inbox().resolve("accounts.csv")).exists();
        assertThat(inbox().resolve("campaigns.csv")).exists();
    }

    @Test
    void aCrashBetweenTwoBatchesResumesWithoutDuplicates() throws Exception {
        write("touchpoints.csv", """
                id,lead_id,occurred_at,type
                t1,l1,2026-03-01T10:00:00Z,form
                t2,l1,2026-03-01T11:00:00Z,page_view
                t3,l9,2026-03-01T12:00:00Z,page_view
                t4,l1,2026-03-01T13:00:00Z,webinar
                t5,l1,2026-03-01T14:00:00Z,meeting
                """);
        write("leads.csv", """
                id,created_at
                l1,2026-03-01T10:00:00Z
                """);
        // batch size is 2: leads commit once, then touchpoint batches [t1,t2] and [t3,t4]; the crash
        // hits the third commit, so t1,t2 are stored and t3 (dead-lettered: unknown lead) and t4 are not.
        crashSwitch.crashAfter(2);

        Map<String, Object> crashed = runFiles();

        assertThat(crashed.get("status")).isEqualTo("failed");
        assertThat(crashed.get("error")).asString().contains("simulated crash");
        assertThat(jdbc.queryForList("SELECT external_id FROM touchpoints ORDER BY external_id", String.class))
                .containsExactly("t1", "t2");
        assertThat(inbox().resolve("touchpoints.csv")).as("an unfinished file stays in the inbox").exists();

        Map<String, Object> resumed = runFiles();

        assertThat(resumed.get("status")).isEqualTo("succeeded");
        // it reads only what the crash left: lines 4-6 (t3, t4, t5)
        assertThat(resumed).containsEntry("recordsRead", 3).containsEntry("upserted", 2)
                .containsEntry("deadLettered", 1);
        assertThat(jdbc.queryForList("SELECT external_id FROM touchpoints ORDER BY external_id", String.class))
                .containsExactly("t1", "t2", "t4", "t5");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters WHERE line_number = 4", Long.class))
                .isEqualTo(1L);
        assertThat(inbox().resolve("touchpoints.csv")).doesNotExist();
    }

    @Test
    void runsAreListedNewestFirstAndUnknownSourcesRefused() throws Exception {
        long first = ((Number) runFiles().get("id")).longValue();
        long second = ((Number) runFiles().get("id")).longValue();

        ResponseEntity<List<Map<String, Object>>> list = http.exchange("/api/syncs", HttpMethod.GET, null,
                new ParameterizedTypeReference<>() { });
        assertThat(list.getBody()).extracting(r -> ((Number) r.get("id")).longValue()).startsWith(second, first);
        assertThat(list.getBody().get(0)).containsOnlyKeys("id", "source", "status", "startedAt", "finishedAt",
                "recordsRead", "upserted", "deleted", "deadLettered", "error", "waiting", "phase", "recordsTotal",
                "progress", "warnings");

        String known = "files, salesforce, hubspot, ga4, google-ads, linkedin-ads, meta-ads";
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.GET)) {
            ResponseEntity<Map<String, Object>> unknown = http.exchange("/api/syncs?source=dropbox", method,
                    null, new ParameterizedTypeReference<>() { });
            assertThat(unknown.getStatusCode()).as(method.name()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(unknown.getBody()).as(method.name())
                    .containsEntry("error", "source: 'dropbox' is not a source; use one of " + known);
        }
        // Salesforce is built only when enabled: a run of it cannot start
        ResponseEntity<Map<String, Object>> disabled = http.exchange("/api/syncs?source=salesforce", HttpMethod.POST,
                null, new ParameterizedTypeReference<>() { });
        assertThat(disabled.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(disabled.getBody()).containsOnly(
                Map.entry("error", "salesforce is disabled: set revloop.sources.salesforce.enabled=true"));
        assertThat(http.getForEntity("/api/syncs/999999", Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aFileBreakingTheFieldOrRecordCapIsPutAsideAndTheFilesBehindItAreImported() throws Exception {
        // accounts.csv: a good row, then a quote never closed: the rest of the file, 3 MB, would be one field
        StringBuilder unclosed = new StringBuilder("id,name\na1,Alpha\na2,\"Beta\n");
        while (unclosed.length() < 3_000_000) {
            unclosed.append("a3,Gamma\n");
        }
        write("accounts.csv", unclosed.toString());
        // campaigns.csv: each field under the 64 KB cap, but five of 60 000 characters make a record over 256 KB
        String wide = "x".repeat(60_000);
        write("campaigns.csv", "id,name,n1,n2,n3,n4,n5\nc0,Launch,,,,,\nc1,Wide," + String.join(",", wide, wide, wide,
                wide, wide) + "\n");
        write("leads.csv", "id,created_at\nl1,2026-03-01T10:00:00Z\nl2,2026-03-02T10:00:00Z\n");

        Map<String, Object> run = runFiles();

        String runFolder = "run-" + run.get("id");
        Path rejected = inbox().resolve("rejected").resolve(runFolder);
        assertThat(run.get("status")).isEqualTo("failed");
        // read and kept: a1 and c0 (before the rows that broke the caps), l1 and l2; the two files are dead letters
        assertThat(run).containsEntry("recordsRead", 4).containsEntry("upserted", 4).containsEntry("deadLettered", 2);
        String fieldCap = "the field starting on line 3 is longer than " + FIELD_CAP + " characters"
                + " (revloop.sources.files.max-field-size); it is inside a quoted field — is a closing quote missing?";
        String recordCap = "the record starting on line 3 is longer than " + RECORD_CAP + " characters"
                + " (revloop.sources.files.max-record-size)";
        assertThat(run.get("error")).asString()
                .contains("accounts.csv: cannot be read, moved to " + rejected.resolve("accounts.csv") + ": " + fieldCap)
                .endsWith("; campaigns.csv: cannot be read, moved to " + rejected.resolve("campaigns.csv") + ": "
                        + recordCap);
        assertThat(reasons(run)).containsOnly(entry("accounts.csv:null", "file put aside: " + fieldCap),
                entry("campaigns.csv:null", "file put aside: " + recordCap));
        assertThat(jdbc.queryForList("SELECT external_id FROM accounts", String.class)).containsExactly("a1");
        assertThat(jdbc.queryForList("SELECT external_id FROM campaigns", String.class)).containsExactly("c0");
        assertThat(count("leads")).isEqualTo(2);
        assertThat(rejected.resolve("accounts.csv")).hasSize(unclosed.length());
        assertThat(inbox().resolve("accounts.csv")).doesNotExist();
        OwnerOnly.assertDirectory(inbox().resolve("rejected"));
        OwnerOnly.assertDirectory(rejected);
        OwnerOnly.assertDirectory(inbox().resolve("archive"));
        OwnerOnly.assertDirectory(inbox().resolve("archive").resolve(runFolder));

        // the files in rejected/ and archive/ are never picked up again
        Map<String, Object> next = runFiles();
        assertThat(next).containsEntry("status", "succeeded").containsEntry("recordsRead", 0);
    }

    @Test
    void aFileItsCharacterSetCannotDecodeIsPutAside() throws Exception {
        // not UTF-8 (0xE9 alone), and 0x81 is no character in the fallback Windows-1252
        writeBytes("accounts.csv", bytes("id,name\na1,Alpha\na2,Caf\u00e9 \u0081\n", "ISO-8859-1"));
        write("campaigns.csv", "id,name\nc1,Spring launch\n");

        Map<String, Object> run = runFiles();

        Path rejected = inbox().resolve("rejected/run-" + run.get("id") + "/accounts.csv");
        // text is decoded ahead of the parser, a few thousand characters at a time: this small file fails at once
        assertThat(run.get("error")).isEqualTo("accounts.csv: cannot be read, moved to " + rejected + ": the file is"
                + " not valid windows-1252 text (java.nio.charset.UnmappableCharacterException: Input length = 1);"
                + " save it as UTF-8");
        assertThat(rejected).exists();
        assertThat(count("accounts")).isZero();
        assertThat(count("campaigns")).isEqualTo(1);
    }

    @Test
    void aSymbolicLinkInTheInboxIsNeverFollowed() throws Exception {
        Path outside = inbox().resolveSibling(inbox().getFileName() + "-outside.csv");
        Files.writeString(outside, "id,created_at\nsecret-1,2026-03-01T10:00:00Z\n");
        Path link = Files.createSymbolicLink(inbox().resolve("leads.csv"), outside.toAbsolutePath());
        write("campaigns.csv", "id,name\nc1,Spring launch\n");

        Map<String, Object> run = runFiles();

        String reason = "is a symbolic link, which the inbox never follows; move or copy the file itself into the inbox";
        assertThat(run).containsEntry("status", "failed").containsEntry("error", "leads.csv: " + reason)
                .containsEntry("recordsRead", 1).containsEntry("deadLettered", 1);
        assertThat(reasons(run)).containsOnly(entry("leads.csv:null", "file rejected: " + reason));
        assertThat(count("leads")).isZero();
        assertThat(count("campaigns")).isEqualTo(1);
        assertThat(link).isSymbolicLink();
        assertThat(outside).hasContent("id,created_at\nsecret-1,2026-03-01T10:00:00Z");
    }

    @Test
    void theDelimiterIsToldFromTheHeader() throws Exception {
        write("leads-semicolon.csv", """
                id;email;created_at;score
                l1;a@example.com;2026-03-01T10:00:00Z;10
                l2;b@example.com;soon;20
                """);
        write("campaigns-tab.csv", "id\tname\tchannel\nc1\tSpring, launch\tEmail\n");
        write("accounts.csv", """
                id|name
                a1|Alpha
                """);
        write("deals.csv", """
                id;name;amount
                d1;Big;100
                """);

        Map<String, Object> run = runFiles();

        assertThat(jdbc.queryForObject("SELECT email || ' ' || score FROM leads WHERE external_id = 'l1'", String.class))
                .isEqualTo("a@example.com 10");
        assertThat(jdbc.queryForObject("SELECT name FROM campaigns WHERE external_id = 'c1'", String.class))
                .isEqualTo("Spring, launch");
        assertThat(deadLetters(run)).filteredOn(l -> "leads-semicolon.csv".equals(l.get("file")))
                .extracting(l -> l.get("payload")).containsExactly("l2;b@example.com;soon;20");
        assertThat(run.get("error")).asString()
                .contains("accounts.csv: the header read with delimiter comma (',') has the column 'id|name', which"
                        + " names id, name inside it: are the columns separated by another character? The import"
                        + " reads comma, semicolon and tab")
                .contains("deals.csv: header misses required column created_at (the header read with delimiter"
                        + " semicolon (';') has [id, name, amount]); deals.csv needs [id, amount, created_at]")
                .doesNotContain("accounts.csv: header misses");
    }

    @Test
    void filesAreReadInTheirCharacterSet() throws Exception {
        String text = "id,name,industry\n%s,Müller & Société,Café €\n";
        writeBytes("accounts-utf8.csv", bytes(text.formatted("utf8"), "UTF-8"));
        writeBytes("accounts-utf8-bom.csv", bytes("\uFEFF" + text.formatted("utf8-bom"), "UTF-8"));
        // Java's UTF-16LE and UTF-16BE write no byte order mark: it is written by hand, as Excel does
        writeBytes("accounts-utf16le.csv", bytes("\uFEFF" + text.formatted("utf16le"), "UTF-16LE"));
        writeBytes("accounts-utf16be.csv", bytes("\uFEFF" + text.formatted("utf16be"), "UTF-16BE"));
        writeBytes("accounts-cp1252.csv", bytes(text.formatted("cp1252"), "windows-1252"));

        Map<String, Object> run = runFiles();

        assertThat(run).containsEntry("status", "succeeded").containsEntry("upserted", 5);
        assertThat(jdbc.queryForList("SELECT external_id || ': ' || name || ', ' || industry FROM accounts"
                + " ORDER BY external_id", String.class)).containsExactly(
                "cp1252: Müller & Société, Café €", "utf16be: Müller & Société, Café €",
                "utf16le: Müller & Société, Café €", "utf8: Müller & Société, Café €",
                "utf8-bom: Müller & Société, Café €");
    }

    @Test
    void timestampsDatesAndNumbersAsSpreadsheetsWriteThem() throws Exception {
        write("accounts.csv", """
                id,name,employees
                a1,Alpha,"1,200"
                """);
        write("leads.csv", """
                id,created_at,mql_at
                l1,2026-11-15 10:00:00,16.11.2026
                l2,2026-11-15 10:00,16.11.2026 10:30
                l3,11/15/2026,
                """);
        write("deals.csv", """
                id,amount,created_at,expected_close_date
                d1,"1,500.50",2026-11-15T10:00:00Z,15.11.2026
                d2,1500.50,2026-11-15T10:00:00Z,
                d3,"1,5",2026-11-15T10:00:00Z,
                d4,1.500.5,2026-11-15T10:00:00Z,
                """);

        Map<String, Object> run = runFiles();

        // the hub's time zone is UTC: times without offset are UTC, a day starts at 00:00Z
        assertThat(instant("SELECT created_at FROM leads WHERE external_id = 'l1'"))
                .isEqualTo(Instant.parse("2026-11-15T10:00:00Z"));
        assertThat(instant("SELECT mql_at FROM leads WHERE external_id = 'l1'"))
                .isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(instant("SELECT created_at FROM leads WHERE external_id = 'l2'"))
                .isEqualTo(Instant.parse("2026-11-15T10:00:00Z"));
        assertThat(instant("SELECT mql_at FROM leads WHERE external_id = 'l2'"))
                .isEqualTo(Instant.parse("2026-11-16T10:30:00Z"));
        assertThat(jdbc.queryForObject("SELECT employees FROM accounts", Long.class)).isEqualTo(1200L);
        assertThat(decimal("SELECT amount FROM deals WHERE external_id = 'd1'")).isEqualByComparingTo("1500.50");
        assertThat(decimal("SELECT amount FROM deals WHERE external_id = 'd2'")).isEqualByComparingTo("1500.50");
        assertThat(jdbc.queryForObject("SELECT expected_close_date FROM deals WHERE external_id = 'd1'",
                LocalDate.class)).isEqualTo(LocalDate.of(2026, 11, 15));
        String en = " is not a number in the en number format (1,500.50 or 1500.50; revloop.sources.files.number-format)";
        assertThat(reasons(run)).containsOnly(
                entry("leads.csv:4", "line 4: created_at '11/15/2026' is a date with slashes, which may be"
                        + " month/day/year or day/month/year: set revloop.sources.files.date-order to MDY or DMY"),
                entry("deals.csv:4", "line 4: amount '1,5'" + en),
                entry("deals.csv:5", "line 5: amount '1.500.5'" + en));
    }

    @Test
    void aRunStartedWhileAFileIsStillBeingWrittenSaysWhichFileWaits() throws Exception {
        write("campaigns.csv", "id,name\nc1,Spring launch\n");
        // leads.csv changed 1.5 s ago, well within the settle time of 60 s: it may still be copied
        Path leads = Files.writeString(inbox().resolve("leads.csv"), "id,created_at\nl1,2026-03-01T10:00:00Z\n");
        Files.setLastModifiedTime(leads, FileTime.from(Instant.now().minusMillis(1500)));

        Map<String, Object> started = SyncApi.start(http, "files");
        Map<String, Object> run = SyncApi.awaitFinished(http, started.get("id"));
        SyncApi.awaitWorkAfterRuns(syncRunner, "files");

        assertThat(started).containsOnlyKeys("id", "waiting")
                .containsEntry("waiting", List.of("leads.csv (changed 1 s ago)"));
        assertThat(run).containsEntry("status", "succeeded").containsEntry("recordsRead", 1)
                .containsEntry("waiting", List.of("leads.csv (changed 1 s ago)"));
        assertThat(count("leads")).isZero();
        assertThat(leads).exists();
    }

    static byte[] bytes(String text, String charset) {
        return text.getBytes(java.nio.charset.Charset.forName(charset));
    }

    void drop(String name) throws IOException {
        try (Stream<Path> files = Files.list(DROPS.resolve(name))) {
            for (Path file : files.toList()) {
                dropped(Files.copy(file, inbox().resolve(file.getFileName())));
            }
        }
    }
}
