package io.revloop.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.revloop.support.TestClock;
import io.revloop.sync.SyncRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Which periods are complete, on a clock the test sets, in Europe/Berlin (CEST, UTC+2, from 29 March
 * 2026). The data: leads in March (the newest on the 31st), ad spend up to 29 March, March's non-ad
 * marketing cost. A period is complete once it ended before today (Berlin) and every input its KPI
 * reads reaches its last day: new leads read the CRM (up to 31 March), cost per lead also ad spend
 * (up to 29 March) and costs (March, covered to its end).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.time-zone=Europe/Berlin",
        "revloop.base-currency=EUR",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.kpi.refresh-schedule=0 0 0 1 1 ? 2099",
        "test.clock=2026-03-31T12:00:00Z"})
@Import(TestClock.Configuration.class)
abstract class KpiCompletenessScenarios {

    /** Tuesday 31 March, 14:00 in Berlin. */
    private static final Instant MARCH_31_AFTERNOON = Instant.parse("2026-03-31T12:00:00Z");
    /** Wednesday 1 April, 00:30 in Berlin — still 31 March in UTC. */
    private static final Instant APRIL_1_AFTER_MIDNIGHT = Instant.parse("2026-03-31T22:30:00Z");
    private static final List<String> TABLES = List.of("leads", "ad_spend", "costs", "campaigns", "fx_rates",
            "sync_runs", "sync_state", "dead_letters", "kpi_values", "kpi_coverage");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner syncRunner;
    @Autowired
    TestClock clock;
    @Autowired
    KpiComputer computer;

    abstract Path inbox();

    @BeforeEach
    void emptyStoreAndInbox() throws IOException {
        clock.set(MARCH_31_AFTERNOON);
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
        FileSystemUtils.deleteRecursively(inbox());
        Files.createDirectories(inbox());
    }

    @Test
    void aPeriodIsCompleteOnceItEndedInTheHubsTimeZoneAndItsInputsReachItsEnd() throws IOException {
        // L4 at 23:30 UTC on the 30th is 01:30 on 31 March in Berlin
        sync("leads.csv", """
                id,created_at,mql_at
                L1,2026-03-02T09:00:00Z,2026-03-05T09:00:00Z
                L2,2026-03-10T09:00:00Z,
                L3,2026-03-30T09:00:00Z,
                L4,2026-03-30T23:30:00Z,
                """);
        sync("ad_spend.csv", """
                date,platform,campaign_id,channel,cost,currency
                2026-03-02,google_ads,C1,Paid Search,100,EUR
                2026-03-29,google_ads,C1,Paid Search,100,EUR
                """);
        sync("costs.csv", """
                month,category,channel,amount,currency
                2026-03,marketing,Events,200,EUR
                """);

        // 31 March, afternoon: March, the week of 30 March and today are running; yesterday is over
        assertComplete("new_leads", "month", "2026-03-01", false);
        assertComplete("new_leads", "quarter", "2026-01-01", false);
        assertComplete("new_leads", "day", "2026-03-30", true);
        assertComplete("new_leads", "day", "2026-03-31", false);

        // past midnight in Berlin (22:30 UTC, still 31 March there): the daily refresh judges them again
        clock.set(APRIL_1_AFTER_MIDNIGHT);
        computer.refreshPeriodsInProgress();
        assertComplete("new_leads", "day", "2026-03-31", true);
        assertComplete("new_leads", "month", "2026-03-01", true);
        assertComplete("new_leads", "quarter", "2026-01-01", true);
        assertComplete("new_leads", "week", "2026-03-30", false); // Monday 30 March to Sunday 5 April
        assertComplete("lead_to_mql_rate", "month", "2026-03-01", true);
        // cost per lead reads ad spend too, which reaches 29 March only; costs cover March (a monthly input)
        assertComplete("cost_per_lead", "month", "2026-03-01", false);
        assertComplete("cost_per_lead", "quarter", "2026-01-01", false);
        assertComplete("ad_spend", "day", "2026-03-29", true);
        assertThat(biComplete("cost_per_lead", "2026-03-01")).isFalse();

        // ad spend of 1 April arrives: the sync counts April only, and also judges March again, as it was
        // stored not complete
        sync("ad_spend.csv", """
                date,platform,campaign_id,channel,cost,currency
                2026-04-01,google_ads,C1,Paid Search,50,EUR
                """);
        assertComplete("cost_per_lead", "month", "2026-03-01", true);
        assertComplete("cost_per_lead", "quarter", "2026-01-01", true);
        assertThat(biComplete("cost_per_lead", "2026-03-01")).isTrue();
        // the value itself did not change — (100 + 100 + 200) ÷ 4 leads = 100 — only whether it is complete;
        // the value stored before, the same 100 not complete, stays as history
        assertThat(row("cost_per_lead", "month", "2026-03-01").get("value")).isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kpi_values WHERE kpi = 'cost_per_lead' AND grain = "
                + "'month' AND dimension IS NULL AND period_start = DATE '2026-03-01' AND superseded_at IS NOT NULL "
                + "AND metric_value = 100 AND complete = FALSE", Integer.class)).isEqualTo(1);
    }

    @Test
    void eachRowCarriesItsUnitAndFullPrecision() throws IOException {
        sync("leads.csv", """
                id,created_at,mql_at
                L1,2026-03-02T09:00:00Z,2026-03-05T09:00:00Z
                L2,2026-03-10T09:00:00Z,
                L3,2026-03-11T09:00:00Z,
                """);
        sync("ad_spend.csv", """
                date,platform,campaign_id,channel,cost,currency
                2026-03-02,google_ads,C1,Paid Search,100,EUR
                """);

        // 1 of 3 leads reached MQL: a third, to the 10 decimals stored, not rounded for display
        Map<String, Object> rate = row("lead_to_mql_rate", "month", "2026-03-01");
        assertThat(rate).containsEntry("unit", "ratio").containsEntry("numerator", 1).containsEntry("denominator", 3);
        assertThat(rate.get("value").toString()).isEqualTo("0.3333333333");
        // 100 EUR ÷ 3 leads
        Map<String, Object> cpl = row("cost_per_lead", "month", "2026-03-01");
        assertThat(cpl).containsEntry("unit", "EUR");
        assertThat(cpl.get("value").toString()).isEqualTo("33.3333333333");
        assertThat(row("new_leads", "month", "2026-03-01")).containsEntry("unit", "count").containsEntry("value", 3);
    }

    // ------------------------------------------------------------------ helpers

    private void assertComplete(String kpi, String grain, String period, boolean complete) {
        assertThat(row(kpi, grain, period)).as(kpi + " " + grain + " " + period)
                .containsEntry("complete", complete);
    }

    private Boolean biComplete(String kpi, String monthStart) {
        return jdbc.queryForObject("SELECT complete FROM bi_kpi_values WHERE kpi = ? AND grain = 'month' AND "
                + "dimension IS NULL AND period_start = ?", Boolean.class, kpi, java.time.LocalDate.parse(monthStart));
    }

    private Map<String, Object> row(String kpi, String grain, String period) {
        List<Map<String, Object>> rows = http.exchange("/api/kpis?kpi=" + kpi + "&grain=" + grain + "&from=" + period
                + "&to=" + period, HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
        return rows.stream().filter(r -> Objects.equals(r.get("periodStart"), period)).findFirst()
                .orElseThrow(() -> new AssertionError("no value of " + kpi + " " + grain + " " + period));
    }

    private void sync(String file, String content) throws IOException {
        Files.writeString(inbox().resolve(file), content);
        syncRunner.runNow("files");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters", Integer.class)).isZero();
    }
}
