package io.revloop.kpi.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.revloop.sync.SyncRunner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The shipped scoring rules (config/application.yml) on hand-built leads, imported through the inbox:
 * the import's SyncFinished event scores them before the KPIs are recomputed.
 */
@SpringBootTest(properties = {
        "revloop.demo.enabled=false",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s"})
abstract class LeadScoringScenarios {

    private static final String LEADS = "id,email,company,title,country,channel,source,campaign_id,owner,score,"
            + "created_at,mql_at,sql_at,opportunity_at,customer_at,disqualified_at,first_response_at,account_id";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner syncRunner;

    abstract Path inbox();

    @BeforeEach
    void emptyStoreAndInbox() throws IOException {
        for (String table : List.of("accounts", "leads", "touchpoints", "lead_scores", "kpi_values", "sync_runs",
                "sync_state", "dead_letters")) {
            jdbc.update("DELETE FROM " + table);
        }
        FileSystemUtils.deleteRecursively(inbox());
        Files.createDirectories(inbox());
    }

    @Test
    void scoresEachCriterionCapsItAndBandsTheTotal() throws IOException {
        importLeadsWithTouches();

        // S1 CEO (executive 25) at BigSoft: Software 12 + 1 500 employees 10 (best of the size rules)
        // + 250 M revenue 8 = 30; touches 3 page views 3 + 2 webinars 10 + 1 download 4 = 17;
        // intent demo request 12 + pricing page 6 = 18, capped at 15; BANT all four set: 10 → 97 hot
        assertThat(score("S1")).containsExactly(97, 30, 25, 17, 15, 10);
        assertThat(band("S1")).isEqualTo("hot");
        // S2 manager 12; Retail 0, 60 employees 4, 5 M revenue 0; 1 form 3 + 2 email clicks 4 = 7;
        // BANT "no"/empty counts nothing → 23
        assertThat(score("S2")).containsExactly(23, 4, 12, 7, 0, 0);
        assertThat(band("S2")).isEqualTo("not_qualified");
        // bands at their edges: S3 Head of 20 + Manufacturing 8 + 250 employees 7 + 20 M revenue 5 = 40 mql;
        // S4 the same without the revenue rule (5 M) and with 2 email clicks: 20 + 15 + 4 = 39
        assertThat(score("S3").get(0)).isEqualTo(40);
        assertThat(band("S3")).isEqualTo("mql");
        assertThat(score("S4").get(0)).isEqualTo(39);
        assertThat(band("S4")).isEqualTo("not_qualified");
        // S5 executive 25 + BigSoft 30 + 2 webinars 10 + 1 download 4 = 69; S6 one page view more = 70
        assertThat(score("S5").get(0)).isEqualTo(69);
        assertThat(band("S5")).isEqualTo("mql");
        assertThat(score("S6").get(0)).isEqualTo(70);
        assertThat(band("S6")).isEqualTo("sql");
        // S7 25 + 30 + 5 webinars 25 capped at 20 + demo request 12 + need 2 = 89; S8 budget 3 instead of need = 90
        assertThat(score("S7")).containsExactly(89, 30, 25, 20, 12, 2);
        assertThat(band("S7")).isEqualTo("sql");
        assertThat(score("S8").get(0)).isEqualTo(90);
        assertThat(band("S8")).isEqualTo("hot");
    }

    @Test
    void aSyncRescoresOnlyTheLeadsItTouchedAndTheKpisUseTheScores() throws Exception {
        importLeadsWithTouches();
        Map<String, Instant> before = computedAt();

        // S2 requests a demo: intent 12 → 23 + 12 = 35; nothing else changes
        Files.writeString(inbox().resolve("touchpoints.csv"), "id,lead_id,occurred_at,channel,source,medium,"
                + "campaign_id,type\nS2-demo,S2,2026-03-10T10:00:00Z,Direct,,,,demo_request\n");
        Thread.sleep(20);
        syncRunner.runNow("files");

        assertThat(score("S2")).containsExactly(35, 4, 12, 7, 12, 0);
        Map<String, Instant> after = computedAt();
        assertThat(after.get("S2")).isAfter(before.get("S2"));
        before.keySet().stream().filter(id -> !id.equals("S2"))
                .forEach(id -> assertThat(after.get(id)).as(id).isEqualTo(before.get(id)));
        // all eight leads were created in March 2026: two per band, by the model's scores
        // (hot S1 97, S8 90 · sql S6 70, S7 89 · mql S3 40, S5 69 · not_qualified S2 35, S4 39)
        for (String band : List.of("hot", "sql", "mql", "not_qualified")) {
            assertThat(jdbc.queryForObject("SELECT metric_value FROM kpi_values WHERE kpi = 'lead_quality_distribution' "
                    + "AND grain = 'month' AND period_start = DATE '2026-03-01' AND dimension = 'score_band' "
                    + "AND dimension_value = ? AND superseded_at IS NULL", BigDecimal.class, band))
                    .as(band).isEqualByComparingTo("2");
        }
        // lead_engagement_score March: engagement points 17 + 7 + 0 + 4 + 14 + 15 + 20 + 20 = 97, × 5 ÷ 8 leads
        assertThat(jdbc.queryForObject("SELECT metric_value FROM kpi_values WHERE kpi = 'lead_engagement_score' "
                + "AND grain = 'month' AND period_start = DATE '2026-03-01' AND dimension IS NULL "
                + "AND superseded_at IS NULL", BigDecimal.class)).isEqualByComparingTo("60.625");
    }

    @Test
    void thePassKeepsEachLeadsEmailFlagsAndTheEmailCohortCountsThem() throws Exception {
        importLeadsWithTouches();
        // S2 and S4 got two email clicks each, no reply; the six others no email
        assertThat(emailFlags("S2")).containsExactly(true, false);
        assertThat(emailFlags("S4")).containsExactly(true, false);
        assertThat(emailFlags("S1")).containsExactly(false, false);

        // S4 replies; S3's first email touch is a reply (which counts as both)
        Files.writeString(inbox().resolve("touchpoints.csv"), "id,lead_id,occurred_at,channel,source,medium,"
                + "campaign_id,type\nS4-reply,S4,2026-03-12T10:00:00Z,Direct,,,,email_reply\n"
                + "S3-reply,S3,2026-03-12T10:00:00Z,Direct,,,,email_reply\n");
        syncRunner.runNow("files");

        assertThat(emailFlags("S4")).containsExactly(true, true);
        assertThat(emailFlags("S3")).containsExactly(true, true);
        assertThat(emailFlags("S2")).containsExactly(true, false);
        // email_response_rate, March cohort: S2, S3, S4 got email, S3 and S4 replied → 2 ÷ 3
        assertThat(jdbc.queryForObject("SELECT metric_value FROM kpi_values WHERE kpi = 'email_response_rate' "
                + "AND grain = 'month' AND period_start = DATE '2026-03-01' AND dimension IS NULL "
                + "AND superseded_at IS NULL", BigDecimal.class)).isEqualByComparingTo("0.6666666667");
    }

    @Test
    void aChangedScoringConfigurationRescoresEveryLeadAndRecomputesTheKpis(@Autowired ScoringConfigurationWatch watch,
            @Autowired io.revloop.kpi.KpiComputer kpis, @Autowired io.revloop.store.SyncStateRepository state)
            throws IOException {
        importLeadsWithTouches();
        // the hub ran before with other rules: S1 and S8 scored 12, and the KPIs were computed from that —
        // March then has no hot lead and four not qualified (S1, S8, S2 23, S4 39)
        jdbc.update("UPDATE lead_scores SET score = 12, band = 'not_qualified' WHERE lead_external_id IN ('S1', 'S8')");
        state.put("scoring", "configuration", "sha256:the-rules-of-an-earlier-start");
        kpis.computeAll();
        assertThat(qualityDistribution("not_qualified")).isEqualByComparingTo("4");

        // started with the shipped rules: every lead is rescored (S1 97 and S8 90 hot again, as in the
        // first test) and the KPIs follow: two hot, two not qualified
        assertThat(watch.apply()).isTrue();
        assertThat(score("S1")).containsExactly(97, 30, 25, 17, 15, 10);
        assertThat(score("S8").get(0)).isEqualTo(90);
        assertThat(qualityDistribution("hot")).isEqualByComparingTo("2");
        assertThat(qualityDistribution("not_qualified")).isEqualByComparingTo("2");
        // the same configuration at the next start: nothing to redo
        assertThat(watch.apply()).isFalse();
    }

    private BigDecimal qualityDistribution(String band) {
        return jdbc.queryForObject("SELECT metric_value FROM kpi_values WHERE kpi = 'lead_quality_distribution' "
                + "AND grain = 'month' AND period_start = DATE '2026-03-01' AND dimension = 'score_band' "
                + "AND dimension_value = ? AND superseded_at IS NULL", BigDecimal.class, band);
    }

    @Test
    void aDeletedLeadLosesItsScore() throws IOException {
        importLeadsWithTouches();

        Files.writeString(inbox().resolve("leads.csv"), LEADS + ",deleted_at\n"
                + "S4,s4@x.example,Mid,Head of Sales,DE,Direct,,,,,2026-03-01T10:00:00Z,,,,,,,MID-S,2026-03-15T10:00:00Z\n");
        syncRunner.runNow("files");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_scores WHERE lead_external_id = 'S4'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_scores", Integer.class)).isEqualTo(7);
    }

    @Test
    void aSmallSyncLooksUpOnlyTheLeadsItChanged() throws IOException {
        importLeadsWithTouches();
        // 30 more leads, so that the next run's three changed leads are under a tenth of all (38): the
        // pass then looks them up by key instead of walking every lead
        StringBuilder more = new StringBuilder(LEADS + "\n");
        for (int i = 10; i < 40; i++) {
            more.append(lead("F" + i, "Analyst", "SHOP")).append('\n');
        }
        Files.writeString(inbox().resolve("leads.csv"), more.toString());
        syncRunner.runNow("files");
        Map<String, Instant> before = computedAt();

        // one run: S4 deleted (a lead it wrote), S2 requests a demo (a touchpoint it wrote), Midmaker
        // turns out to be a software company (an account it wrote: S3 is its lead)
        Files.writeString(inbox().resolve("accounts.csv"), "id,name,domain,industry,employees,annual_revenue\n"
                + "MID,Midmaker,mid.example,Software,250,20000000\n");
        Files.writeString(inbox().resolve("leads.csv"), LEADS + ",deleted_at\n"
                + "S4,s4@x.example,Mid,Head of Sales,DE,Direct,,,,,2026-03-01T10:00:00Z,,,,,,,MID-S,2026-03-15T10:00:00Z\n");
        Files.writeString(inbox().resolve("touchpoints.csv"), "id,lead_id,occurred_at,channel,source,medium,"
                + "campaign_id,type\nS2-demo,S2,2026-03-10T10:00:00Z,Direct,,,,demo_request\n");
        syncRunner.runNow("files");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_scores WHERE lead_external_id = 'S4'", Integer.class))
                .isZero();
        // S2: 23 + demo request 12 = 35 (as above); S3: Head of 20 + Software 12 + 250 employees 7
        // + 20 M revenue 5 = 44, company fit 24
        assertThat(score("S2")).containsExactly(35, 4, 12, 7, 12, 0);
        assertThat(score("S3")).containsExactly(44, 24, 20, 0, 0, 0);
        assertThat(band("S3")).isEqualTo("mql");
        Map<String, Instant> after = computedAt();
        assertThat(after).hasSize(37);
        before.keySet().stream().filter(id -> !List.of("S2", "S3", "S4").contains(id))
                .forEach(id -> assertThat(after.get(id)).as(id).isEqualTo(before.get(id)));
    }

    private void importLeadsWithTouches() throws IOException {
        Files.writeString(inbox().resolve("accounts.csv"), """
                id,name,domain,industry,employees,annual_revenue
                BIG,BigSoft,bigsoft.example,Software,1500,250000000
                SHOP,Shop,shop.example,Retail,60,5000000
                MID,Midmaker,mid.example,Manufacturing,250,20000000
                MID-S,Midmaker Small,mids.example,Manufacturing,250,5000000
                """);
        Files.writeString(inbox().resolve("leads.csv"), LEADS + ",budget,authority,need,timing\n"
                + lead("S1", "CEO", "BIG") + ",yes,yes,yes,Q3\n"
                + lead("S2", "Marketing Operations Manager", "SHOP") + ",no,,,\n"
                + lead("S3", "Head of Sales", "MID") + ",,,,\n"
                + lead("S4", "Head of Sales", "MID-S") + ",,,,\n"
                + lead("S5", "CEO", "BIG") + ",,,,\n"
                + lead("S6", "CEO", "BIG") + ",,,,\n"
                + lead("S7", "CEO", "BIG") + ",,,yes,\n"
                + lead("S8", "CEO", "BIG") + ",yes,,,\n");
        StringBuilder touches = new StringBuilder("id,lead_id,occurred_at,channel,source,medium,campaign_id,type\n");
        touch(touches, "S1", "page_view", 3);
        touch(touches, "S1", "webinar", 2);
        touch(touches, "S1", "content_download", 1);
        touch(touches, "S1", "demo_request", 1);
        touch(touches, "S1", "pricing_page", 1);
        touch(touches, "S2", "form", 1);
        touch(touches, "S2", "email_click", 2);
        touch(touches, "S4", "email_click", 2);
        touch(touches, "S5", "webinar", 2);
        touch(touches, "S5", "content_download", 1);
        touch(touches, "S6", "webinar", 2);
        touch(touches, "S6", "content_download", 1);
        touch(touches, "S6", "page_view", 1);
        touch(touches, "S7", "webinar", 5);
        touch(touches, "S7", "demo_request", 1);
        touch(touches, "S8", "webinar", 5);
        touch(touches, "S8", "demo_request", 1);
        Files.writeString(inbox().resolve("touchpoints.csv"), touches);
        syncRunner.runNow("files");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters", Integer.class)).isZero();
    }

    private static String lead(String id, String title, String account) {
        return id + "," + id.toLowerCase() + "@x.example,Co," + title + ",DE,Direct,,,,,2026-03-01T10:00:00Z,,,,,,,"
                + account;
    }

    private static void touch(StringBuilder out, String lead, String type, int times) {
        for (int i = 1; i <= times; i++) {
            out.append(lead).append('-').append(type).append('-').append(i).append(',').append(lead)
                    .append(",2026-03-02T10:00:00Z,Direct,,,,").append(type).append('\n');
        }
    }

    private List<Integer> score(String lead) {
        return jdbc.queryForObject("SELECT score, company_fit, contact_fit, engagement, intent, bant FROM lead_scores "
                + "WHERE lead_external_id = ?", (rs, i) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3),
                rs.getInt(4), rs.getInt(5), rs.getInt(6)), lead);
    }

    private List<Boolean> emailFlags(String lead) {
        return jdbc.queryForObject("SELECT emailed, replied FROM lead_scores WHERE lead_external_id = ?",
                (rs, i) -> List.of(rs.getBoolean(1), rs.getBoolean(2)), lead);
    }

    private String band(String lead) {
        return jdbc.queryForObject("SELECT band FROM lead_scores WHERE lead_external_id = ?", String.class, lead);
    }

    private Map<String, Instant> computedAt() {
        Map<String, Instant> times = new HashMap<>();
        jdbc.query("SELECT lead_external_id, computed_at FROM lead_scores",
                rs -> {
                    times.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                });
        return times;
    }
}
