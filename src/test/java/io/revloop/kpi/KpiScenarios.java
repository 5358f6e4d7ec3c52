package io.revloop.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revloop.sink.csv.CsvKpiExport;
import io.revloop.support.OwnerOnly;
import io.revloop.sync.SyncRunner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The KPI catalogue on a hand-built data set (src/test/resources/kpi/funnel), imported through the
 * file inbox — the import's SyncFinished event recomputes the KPIs — and read over HTTP. Every
 * expected value is worked out by hand in a comment. The hub runs in Europe/Berlin with EUR as base
 * currency; USD is 0.9 EUR from 2026-01-01 and 0.8 EUR from 2026-02-01. The hub's scoring model is off,
 * so the leads' own scores count (io.revloop.kpi.scoring.LeadScoringScenarios covers the model).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.time-zone=Europe/Berlin",
        "revloop.base-currency=EUR",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.settle-time=0s",
        "revloop.bi.attribution-models=first_touch"})
abstract class KpiScenarios {

    private static final Path DATA = Path.of("src/test/resources/kpi");
    private static final List<String> TABLES = List.of("accounts", "leads", "deals", "deal_stage_changes",
            "campaigns", "touchpoints", "ad_spend", "web_traffic", "activities", "mrr", "costs", "quotas",
            "survey_responses", "fx_rates", "sync_runs", "sync_state", "dead_letters", "kpi_values", "bi_attribution_credits",
            "kpi_coverage");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncRunner syncRunner;

    abstract Path inbox();

    @BeforeEach
    void emptyStoreAndInbox() throws IOException {
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
        FileSystemUtils.deleteRecursively(inbox());
        Files.createDirectories(inbox());
    }

    @Test
    void funnelCountsAndCohortRates() throws IOException {
        importDrop("funnel");

        // Leads created in January (Berlin): L1, L2, L3. L4 was created 2026-01-31T23:30Z, which is
        // 00:30 on 1 February in Berlin, so February has L4, L5, L6.
        assertThat(value("new_leads", "month", "2026-01-01")).isEqualByComparingTo("3");
        assertThat(value("new_leads", "month", "2026-02-01")).isEqualByComparingTo("3");
        assertThat(value("new_leads", "day", "2026-02-01")).isEqualByComparingTo("1");
        assertThat(row("new_leads", "day", "2026-01-31", null, null)).isNull();
        // SQL entries: January L1 (01-20); February L4 (02-05), L5 (02-14). Opportunities: none in
        // January (a zero, as January has activity), February L1 (02-01) and L4 (02-10)
        assertThat(value("new_sqls", "month", "2026-01-01")).isEqualByComparingTo("1");
        assertThat(value("new_sqls", "month", "2026-02-01")).isEqualByComparingTo("2");
        assertThat(value("new_opportunities", "month", "2026-01-01")).isEqualByComparingTo("0");
        assertThat(value("new_opportunities", "month", "2026-02-01")).isEqualByComparingTo("2");
        // MQL entries: January L1 (01-10), L2 (01-15) = 2; February L4, L5, L6 = 3
        assertThat(value("new_mqls", "month", "2026-01-01")).isEqualByComparingTo("2");
        assertThat(value("new_mqls", "month", "2026-02-01")).isEqualByComparingTo("3");
        // LVR February: (3 − 2) ÷ 2 = 0.5
        assertThat(value("lead_velocity_rate", "month", "2026-02-01")).isEqualByComparingTo("0.5");
        // lead → MQL, January cohort: L1 and L2 of L1, L2, L3 reached MQL: 2 ÷ 3
        assertRatio("lead_to_mql_rate", "month", "2026-01-01", "2", "3", "0.6666666667");
        // February cohort: L4, L5, L6 all reached MQL: 3 ÷ 3
        assertThat(value("lead_to_mql_rate", "month", "2026-02-01")).isEqualByComparingTo("1");
        // MQL → SQL: January MQLs L1 (SQL) and L2 (not): 1 ÷ 2; February L4, L5 (SQL), L6 (not): 2 ÷ 3
        assertThat(value("mql_to_sql_rate", "month", "2026-01-01")).isEqualByComparingTo("0.5");
        assertRatio("mql_to_sql_rate", "month", "2026-02-01", "2", "3", "0.6666666667");
        // SQL → opportunity: January SQL L1 became one: 1 ÷ 1; February L4 (yes), L5 (no): 1 ÷ 2
        assertThat(value("sql_to_opportunity_rate", "month", "2026-01-01")).isEqualByComparingTo("1");
        assertThat(value("sql_to_opportunity_rate", "month", "2026-02-01")).isEqualByComparingTo("0.5");
        // lead → customer: January cohort L1 became a customer: 1 ÷ 3; February none of 3: 0, not null
        assertRatio("lead_to_customer_rate", "month", "2026-01-01", "1", "3", "0.3333333333");
        assertRatio("lead_to_customer_rate", "month", "2026-02-01", "0", "3", "0");
        // by channel, January: Paid Search L1, L2 → 1 ÷ 2; Organic Search L3 → 0 ÷ 1
        assertThat(value("lead_to_customer_rate", "month", "2026-01-01", "channel", "Paid Search"))
                .isEqualByComparingTo("0.5");
        assertThat(value("lead_to_customer_rate", "month", "2026-01-01", "channel", "Organic Search"))
                .isEqualByComparingTo("0");
        // closed loop by score band, January: L1 (85, sql band) converted, L2 (45, mql) and L3 (30) not
        assertThat(value("lead_to_customer_rate", "month", "2026-01-01", "score_band", "sql")).isEqualByComparingTo("1");
        assertThat(value("lead_to_customer_rate", "month", "2026-01-01", "score_band", "mql")).isEqualByComparingTo("0");
        assertThat(value("lead_to_customer_rate", "month", "2026-01-01", "score_band", "not_qualified"))
                .isEqualByComparingTo("0");
        // lead quality: January (85 + 45 + 30) ÷ 3 = 53.33; February (95 + 70) ÷ 2 = 82.5 (L6 has no score)
        assertThat(value("lead_quality_score", "month", "2026-01-01")).isEqualByComparingTo("53.3333333333");
        assertThat(value("lead_quality_score", "month", "2026-02-01")).isEqualByComparingTo("82.5");
        // distribution, February: L4 95 hot, L5 70 sql, L6 without score (band null)
        assertThat(value("lead_quality_distribution", "month", "2026-02-01", "score_band", "hot")).isEqualByComparingTo("1");
        assertThat(value("lead_quality_distribution", "month", "2026-02-01", "score_band", "sql")).isEqualByComparingTo("1");
        assertThat(value("lead_quality_distribution", "month", "2026-02-01", "score_band", null)).isEqualByComparingTo("1");
        // response time, January: L1 4 min, L2 60 min, L3 10 min 30 s → median 10.5 (not rounded to whole
        // minutes), mean 74.5 ÷ 3 = 24.83 minutes
        assertThat(value("lead_response_time", "month", "2026-01-01")).isEqualByComparingTo("10.5");
        assertThat(value("lead_response_time_mean", "month", "2026-01-01")).isEqualByComparingTo("24.8333333333");
        // by owner: anna's L1 and L2 → median (4 + 60) ÷ 2 = 32; ben's L3 alone 10.5; per week of
        // 2026-01-05: all three → 10.5; per day: L3 on 2026-01-07 → 10.5
        assertThat(value("lead_response_time", "month", "2026-01-01", "owner", "anna")).isEqualByComparingTo("32");
        assertThat(value("lead_response_time", "month", "2026-01-01", "owner", "ben")).isEqualByComparingTo("10.5");
        assertThat(value("lead_response_time", "week", "2026-01-05")).isEqualByComparingTo("10.5");
        assertThat(value("lead_response_time", "quarter", "2026-01-01")).isEqualByComparingTo("10.5");
        assertThat(value("lead_response_time", "day", "2026-01-07")).isEqualByComparingTo("10.5");
        assertThat(value("lead_response_time", "day", "2026-01-07", "channel", "Organic Search"))
                .isEqualByComparingTo("10.5");
        // time to conversion, February: L1's first touch T1 2026-01-01T10:00Z → customer 2026-02-20T10:00Z = 50 days
        assertThat(value("time_to_conversion", "month", "2026-02-01")).isEqualByComparingTo("50");
        // content engagement, February: L1 had T1, T2, T3 before becoming a customer (T4 is after): 3 ÷ 1
        assertThat(value("content_engagement_rate", "month", "2026-02-01")).isEqualByComparingTo("3");
        // email response, January cohort: L1 (email_click) and L2 (email_reply) got email, L2 replied: 1 ÷ 2
        assertThat(value("email_response_rate", "month", "2026-01-01")).isEqualByComparingTo("0.5");
    }

    @Test
    void dealsPipelineAndQuota() throws IOException {
        importDrop("funnel");

        // Closed in February: D1 won (10 000 EUR), D2 won (5 000 USD at 0.8 = 4 000 EUR), D3 lost
        assertThat(value("deals_won", "month", "2026-02-01")).isEqualByComparingTo("2");
        assertThat(value("deals_lost", "month", "2026-02-01")).isEqualByComparingTo("1");
        assertRatio("win_rate", "month", "2026-02-01", "2", "3", "0.6666666667");
        assertThat(value("won_revenue", "month", "2026-02-01")).isEqualByComparingTo("14000");
        assertThat(value("won_revenue", "month", "2026-02-01", "owner", "anna")).isEqualByComparingTo("14000");
        assertThat(value("avg_deal_size", "month", "2026-02-01")).isEqualByComparingTo("7000");
        // D1 01-10 → 02-19 = 40 days, D2 01-15 → 02-14 = 30 days: (40 + 30) ÷ 2 = 35
        assertThat(value("sales_cycle_length", "month", "2026-02-01")).isEqualByComparingTo("35");
        // both won deals are of type new
        assertThat(value("new_customers", "month", "2026-02-01")).isEqualByComparingTo("2");
        // open at the end of January: D1 10 000, D2 5 000 USD at its creation day's 0.9 = 4 500, D5 2 000 USD
        // at 0.9 = 1 800 → 16 300; at the end of February: D4 3 000 + D5 1 800 = 4 800
        assertThat(value("pipeline_value", "month", "2026-01-01")).isEqualByComparingTo("16300");
        assertThat(value("pipeline_value", "month", "2026-02-01")).isEqualByComparingTo("4800");
        // March has no activity, the pipeline is still open: 4 800
        assertThat(value("pipeline_value", "month", "2026-03-01")).isEqualByComparingTo("4800");
        assertThat(value("pipeline_value", "month", "2026-03-01", "owner", "ben")).isEqualByComparingTo("4800");
        // velocity, February: 2 open × 7 000 mean won × 2/3 win rate ÷ 35 days = 266.67 per day
        assertThat(value("pipeline_velocity", "month", "2026-02-01")).isCloseTo(new BigDecimal("266.67"),
                within(new BigDecimal("0.005")));
        // quota: anna's 20 000 for February; she won 14 000 → 0.7, per month and per quarter
        assertThat(value("quota_attainment", "month", "2026-02-01", "owner", "anna")).isEqualByComparingTo("0.7");
        assertThat(value("quota_attainment", "quarter", "2026-01-01", "owner", "anna")).isEqualByComparingTo("0.7");
        // coverage February: open on 1 February and due in February (expected 02-28): D1 10 000 and D2 5 000 USD
        // at its creation day's 0.9 = 4 500 → 14 500 ÷ anna's quota 20 000 (D3 was created after 1 February)
        assertThat(value("pipeline_coverage", "month", "2026-02-01", "owner", "anna")).isEqualByComparingTo("0.725");
        assertThat(value("pipeline_coverage", "month", "2026-02-01")).isEqualByComparingTo("0.725");
    }

    @Test
    void costsTrafficAndSurveys() throws IOException {
        importDrop("funnel");

        // ad spend January: 300 EUR + 200 USD at 0.9 = 480; marketing cost adds 120 (Paid Search) + 500 (overhead)
        assertThat(value("ad_spend", "month", "2026-01-01")).isEqualByComparingTo("480");
        assertThat(value("marketing_cost", "month", "2026-01-01")).isEqualByComparingTo("1100");
        assertThat(value("marketing_cost", "month", "2026-01-01", "channel", "Paid Search")).isEqualByComparingTo("600");
        // CPL January: 1 100 ÷ 3 leads; Paid Search 600 ÷ 2 leads (L1, L2)
        assertThat(value("cost_per_lead", "month", "2026-01-01")).isEqualByComparingTo("366.6666666667");
        assertThat(value("cost_per_lead", "month", "2026-01-01", "channel", "Paid Search")).isEqualByComparingTo("300");
        // CPL by campaign: C1's ad spend 480 ÷ its leads L1, L2
        assertThat(value("cost_per_lead", "month", "2026-01-01", "campaign", "C1")).isEqualByComparingTo("240");
        // per MQL: 1 100 ÷ 2 (L1, L2); per SQL: 1 100 ÷ 1 (L1); sales cost 1 000
        assertThat(value("cost_per_mql", "month", "2026-01-01")).isEqualByComparingTo("550");
        assertThat(value("cost_per_sql", "month", "2026-01-01")).isEqualByComparingTo("1100");
        assertThat(value("sales_cost", "month", "2026-01-01")).isEqualByComparingTo("1000");
        // saturation February: CPL 900 ÷ 3 = 300 against 366.67 → 0.8182; lead→MQL 1 against 2/3 → 1.5;
        // 0.8182 ÷ 1.5 = 0.5455 (the channel got cheaper per lead and converts better)
        assertThat(value("channel_saturation_index", "month", "2026-02-01")).isCloseTo(new BigDecimal("0.545454"),
                within(new BigDecimal("0.000001")));
        // CAC January: (1 100 + 1 000 sales) ÷ 0 new customers → undefined, numerator kept
        Map<String, Object> cac = row("cac", "month", "2026-01-01", null, null);
        assertThat(cac.get("value")).isNull();
        assertThat(decimal(cac.get("numerator"))).isEqualByComparingTo("2100");
        // ROI January: (0 revenue − 2 100) ÷ 2 100 = −1
        assertThat(value("roi", "month", "2026-01-01")).isEqualByComparingTo("-1");
        // traffic January: 125 sessions, 80 engaged → bounce 45 ÷ 125; 300 page views; 15 000 s
        assertThat(value("sessions", "month", "2026-01-01")).isEqualByComparingTo("125");
        assertThat(value("bounce_rate", "month", "2026-01-01")).isEqualByComparingTo("0.36");
        assertThat(value("pages_per_session", "month", "2026-01-01")).isEqualByComparingTo("2.4");
        assertThat(value("avg_session_duration", "month", "2026-01-01")).isEqualByComparingTo("120");
        // visitor → lead January: 3 ÷ 125; Paid Search 2 ÷ 100; Organic Search 1 (L3) ÷ 25
        assertThat(value("visitor_to_lead_rate", "month", "2026-01-01")).isEqualByComparingTo("0.024");
        assertThat(value("visitor_to_lead_rate", "month", "2026-01-01", "channel", "Paid Search"))
                .isEqualByComparingTo("0.02");
        assertThat(value("visitor_to_lead_rate", "month", "2026-01-01", "channel", "Organic Search"))
                .isEqualByComparingTo("0.04");
        // NPS January: 10, 9 promoters, 8 passive, 6 detractor: (2 − 1) ÷ 4 × 100 = 25 points
        assertThat(value("nps", "month", "2026-01-01")).isEqualByComparingTo("25");
        // CSAT January: 5 and 4 of 5, 2 not: 2 ÷ 3
        assertThat(value("csat", "month", "2026-01-01")).isEqualByComparingTo("0.6666666667");
    }

    @Test
    void attributedRevenueAndReturns() throws IOException {
        importDrop("funnel");

        // position_based (the default). D1 (10 000 €, L1) has three touches before its close: T1, T2 Paid Search
        // (campaign C1), T3 Email → 40/20/40 = 4 000 / 2 000 / 4 000; T4 is after the close. D2 (5 000 USD at
        // 0.8 = 4 000 €, L2) has two: T5 Paid Search (C1), T6 Email → 50/50 = 2 000 / 2 000.
        // February: Paid Search 4 000 + 2 000 + 2 000 = 8 000; Email 4 000 + 2 000 = 6 000; in all 14 000
        assertThat(value("marketing_attributed_revenue", "month", "2026-02-01")).isEqualByComparingTo("14000");
        assertThat(value("marketing_attributed_revenue", "month", "2026-02-01", "channel", "Paid Search"))
                .isEqualByComparingTo("8000");
        assertThat(value("marketing_attributed_revenue", "month", "2026-02-01", "channel", "Email"))
                .isEqualByComparingTo("6000");
        assertThat(value("marketing_attributed_revenue", "month", "2026-02-01", "campaign", "C1"))
                .isEqualByComparingTo("8000");
        // ROAS Q1: Paid Search 8 000 ÷ 480 ad spend; overall 14 000 ÷ 480
        assertThat(value("roas", "quarter", "2026-01-01", "channel", "Paid Search")).isEqualByComparingTo("16.6666666667");
        assertThat(value("roas", "quarter", "2026-01-01")).isEqualByComparingTo("29.1666666667");
        // ROMI Q1: marketing cost 1 100 (January) + 900 (February) = 2 000 → (14 000 − 2 000) ÷ 2 000
        assertThat(value("romi", "quarter", "2026-01-01")).isEqualByComparingTo("6");
        // channel ROI Q1: Paid Search cost 480 + 120 = 600 → (8 000 − 600) ÷ 600; Email has no cost: undefined
        assertThat(value("channel_roi", "quarter", "2026-01-01", "channel", "Paid Search")).isEqualByComparingTo("12.3333333333");
        Map<String, Object> email = row("channel_roi", "quarter", "2026-01-01", "channel", "Email");
        assertThat(email.get("value")).isNull();
        assertThat(decimal(email.get("numerator"))).isEqualByComparingTo("6000");
        // another model on request: first_touch gives D1 to T1 and D2 to T5, both Paid Search: 14 000 ÷ 480
        List<Map<String, Object>> firstTouch = http.exchange("/api/kpis?kpi=roas&grain=quarter&from=2026-01-01"
                + "&to=2026-03-31&by=channel&model=first_touch", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
        assertThat(firstTouch).filteredOn(r -> "Paid Search".equals(r.get("dimensionValue"))).singleElement()
                .satisfies(r -> assertThat(decimal(r.get("value"))).isEqualByComparingTo("29.1666666667"));
        assertThat(http.getForEntity("/api/kpis?kpi=win_rate&model=linear", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        // CAC by channel, Q1: D1's new customer splits like its revenue 0.4 + 0.2 Paid Search, 0.4 Email; D2's
        // 0.5 / 0.5 → Paid Search 1.1, Email 0.9, in all 2 customers. Paid Search cost 480 + 120 = 600 → 600 ÷ 1.1;
        // campaign C1 (T1, T2, T5: 0.6 + 0.5 = 1.1) costs its ad spend, 480 → 480 ÷ 1.1; Email has no cost;
        // overall all marketing cost, 2 000 (see ROMI), ÷ 2
        Map<String, Object> paidCac = row("channel_cac", "quarter", "2026-01-01", "channel", "Paid Search");
        assertThat(decimal(paidCac.get("value"))).isEqualByComparingTo("545.4545454545");
        assertThat(decimal(paidCac.get("denominator"))).isEqualByComparingTo("1.1");
        assertThat(paidCac).containsEntry("unit", "EUR");
        assertThat(value("channel_cac", "quarter", "2026-01-01", "campaign", "C1")).isEqualByComparingTo("436.3636363636");
        assertThat(value("channel_cac", "quarter", "2026-01-01", "channel", "Email")).isEqualByComparingTo("0");
        assertThat(value("channel_cac", "quarter", "2026-01-01")).isEqualByComparingTo("1000");
    }

    @Test
    void revenueWithoutAJourneyIsUnattributedAndRenewalsAreNotMarketings() throws IOException {
        importDrop("funnel");
        // March: D6, new business of L3 (no touches), 1 000 EUR; D7, a renewal of L1's account, 5 000 EUR — L1
        // has touches, but revloop.attribution.deal-types is [new]
        sync("deals.csv", """
                id,name,lead_id,owner,type,amount,currency,stage,created_at,closed_at,is_won
                D6,C won,L3,ben,new,1000.00,EUR,closed_won,2026-03-02T12:00:00Z,2026-03-10T12:00:00Z,true
                D7,A renewal,L1,anna,renewal,5000.00,EUR,closed_won,2026-03-02T12:00:00Z,2026-03-11T12:00:00Z,true
                """);

        assertThat(value("marketing_attributed_revenue", "month", "2026-03-01", "channel", "(unattributed)"))
                .isEqualByComparingTo("1000");
        // D7 counts for Paid Search as a deal (its lead's channel), but earns its touches nothing
        assertThat(value("won_revenue", "month", "2026-03-01", "channel", "Paid Search")).isEqualByComparingTo("5000");
        assertThat(value("marketing_attributed_revenue", "month", "2026-03-01", "channel", "Paid Search"))
                .isEqualByComparingTo("0");
        // no touch earned it: nothing for marketing overall, and no ROI
        assertThat(value("marketing_attributed_revenue", "month", "2026-03-01")).isEqualByComparingTo("0");
        assertThat(row("channel_roi", "month", "2026-03-01", "channel", "(unattributed)").get("value")).isNull();
        Map<String, Object> view = jdbc.queryForMap("SELECT revenue, roi FROM bi_source_to_revenue WHERE grain = "
                + "'month' AND period_start = DATE '2026-03-01' AND channel = '(unattributed)'");
        assertThat((BigDecimal) view.get("REVENUE")).isEqualByComparingTo("1000");
        assertThat(view.get("ROI")).isNull();
        assertThat(jdbc.queryForObject("SELECT revenue FROM bi_attribution WHERE model = 'position_based' AND grain = "
                + "'month' AND period_start = DATE '2026-03-01' AND dimension = 'channel' AND dimension_value = "
                + "'(unattributed)'", BigDecimal.class)).isEqualByComparingTo("1000");
        List<Map<String, Object>> matrix = http.exchange("/api/source-to-revenue?from=2026-03-01&to=2026-03-31",
                HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
        assertThat(matrix).singleElement().satisfies(r -> assertThat(r).containsEntry("dimensionValue", "(unattributed)")
                .containsEntry("leads", 0).containsEntry("roi", null));
    }

    /** The BI views (docs/bi.md) read the same values, with the catalogue's names and units. */
    @Test
    void theBiViewsCarryTheCurrentValues() throws IOException {
        importDrop("funnel");

        // lead → MQL, January cohort: 2 of 3 (funnelCountsAndCohortRates)
        Map<String, Object> leadToMql = jdbc.queryForMap("SELECT kpi_name, unit, direction, kpi_value, numerator, "
                + "denominator, benchmark_low FROM bi_kpi_values WHERE kpi = 'lead_to_mql_rate' AND grain = 'month' "
                + "AND period_start = DATE '2026-01-01' AND dimension IS NULL");
        assertThat(leadToMql).containsEntry("KPI_NAME", "Lead-to-MQL rate").containsEntry("UNIT", "ratio")
                .containsEntry("DIRECTION", "higher_is_better");
        assertThat((BigDecimal) leadToMql.get("KPI_VALUE")).isEqualByComparingTo("0.6666666667");

        // the January cohort through the funnel: 3 leads, 2 MQL; January MQLs 2, 1 SQL; January SQLs 1,
        // 1 opportunity; 1 of the 3 leads became a customer
        Map<String, Object> january = jdbc.queryForMap("SELECT * FROM bi_funnel_cohorts WHERE grain = 'month' "
                + "AND period_start = DATE '2026-01-01' AND dimension IS NULL");
        assertThat(decimals(january, "LEADS", "LEADS_REACHED_MQL", "MQLS", "MQLS_REACHED_SQL", "SQLS",
                "SQLS_REACHED_OPPORTUNITY", "LEADS_BECAME_CUSTOMERS")).containsExactly("3", "2", "2", "1", "1", "1", "1");
        assertThat((BigDecimal) january.get("MQL_TO_SQL_RATE")).isEqualByComparingTo("0.5");
        assertThat((BigDecimal) january.get("LEAD_TO_CUSTOMER_RATE")).isEqualByComparingTo("0.3333333333");

        // Q1 by channel (attributedRevenueAndReturns): Paid Search 8 000 attributed, cost 480 + 120 = 600,
        // ROI (8 000 − 600) ÷ 600; Email 6 000 without cost: ROI undefined
        Map<String, Object> paid = jdbc.queryForMap("SELECT * FROM bi_source_to_revenue WHERE grain = 'quarter' "
                + "AND period_start = DATE '2026-01-01' AND channel = 'Paid Search'");
        assertThat(decimals(paid, "REVENUE", "COST")).containsExactly("8000", "600");
        assertThat((BigDecimal) paid.get("ROI")).isEqualByComparingTo("12.3333333333");
        assertThat(jdbc.queryForObject("SELECT roi FROM bi_source_to_revenue WHERE grain = 'quarter' "
                + "AND period_start = DATE '2026-01-01' AND channel = 'Email'", BigDecimal.class)).isNull();

        // attribution under the configured model, February: Paid Search 8 000, Email 6 000, campaign C1 8 000
        assertThat(jdbc.queryForList("SELECT model || ' ' || dimension || ' ' || dimension_value || ' ' || currency "
                + "FROM bi_attribution WHERE grain = 'month' AND period_start = DATE '2026-02-01' AND revenue > 0 "
                + "ORDER BY dimension, dimension_value", String.class)).contains(
                "position_based campaign C1 EUR", "position_based channel Email EUR", "position_based channel Paid Search EUR");
        assertThat(jdbc.queryForObject("SELECT revenue FROM bi_attribution WHERE model = 'position_based' AND "
                + "grain = 'month' AND period_start = DATE '2026-02-01' AND dimension = 'channel' AND dimension_value = 'Email'",
                BigDecimal.class)).isEqualByComparingTo("6000");
        // both deals had an Email touch: 2 deals
        assertThat(jdbc.queryForObject("SELECT deals FROM bi_attribution WHERE model = 'position_based' AND "
                + "grain = 'month' AND period_start = DATE '2026-02-01' AND dimension = 'channel' AND dimension_value = 'Email'",
                Long.class)).isEqualTo(2L);
        // a second model, as configured (revloop.bi.attribution-models): first_touch gives D1 to T1 and D2 to
        // T5, both Paid Search: 10 000 + 4 000 in February, nothing to Email; the quarter holds the same
        assertThat(jdbc.queryForObject("SELECT revenue FROM bi_attribution WHERE model = 'first_touch' AND "
                + "grain = 'month' AND period_start = DATE '2026-02-01' AND dimension = 'channel' "
                + "AND dimension_value = 'Paid Search'", BigDecimal.class)).isEqualByComparingTo("14000");
        assertThat(jdbc.queryForObject("SELECT revenue FROM bi_attribution WHERE model = 'first_touch' AND "
                + "grain = 'quarter' AND period_start = DATE '2026-01-01' AND dimension = 'channel' "
                + "AND dimension_value = 'Paid Search'", BigDecimal.class)).isEqualByComparingTo("14000");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bi_attribution WHERE model = 'first_touch' "
                + "AND dimension_value = 'Email'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT time_zone FROM bi_context", String.class)).isEqualTo("Europe/Berlin");
    }

    private static List<String> decimals(Map<String, Object> row, String... columns) {
        return java.util.Arrays.stream(columns)
                .map(c -> ((BigDecimal) row.get(c)).stripTrailingZeros().toPlainString()).toList();
    }

    @Test
    void catalogueWorkedExamplePipelineVelocity() throws IOException {
        // seed 003: 50 opportunities × 25 000 € × 25 % ÷ 90 days = 3 472.22 € per day.
        // Q3 2026: one deal won after exactly 90 days (25 000 €), three lost, fifty open at the quarter's end.
        StringBuilder deals = new StringBuilder("id,name,account_id,lead_id,owner,type,amount,currency,stage,"
                + "created_at,expected_close_date,closed_at,is_won\n");
        deals.append("W1,won,,,vera,new,25000,EUR,closed_won,2026-04-02T00:00:00Z,,2026-07-01T00:00:00Z,true\n");
        for (int i = 1; i <= 3; i++) {
            deals.append("X").append(i).append(",lost,,,vera,new,10000,EUR,closed_lost,2026-07-01T00:00:00Z,,"
                    + "2026-07-10T00:00:00Z,false\n");
        }
        for (int i = 1; i <= 50; i++) {
            deals.append("O").append(i).append(",open,,,vera,new,20000,EUR,proposal,2026-07-05T00:00:00Z,,,\n");
        }
        Files.writeString(inbox().resolve("deals.csv"), deals);
        syncRunner.runNow("files");

        assertThat(value("pipeline_velocity", "quarter", "2026-07-01")).isCloseTo(new BigDecimal("3472.22"),
                within(new BigDecimal("0.005")));
    }

    @Test
    void catalogueWorkedExampleRoi() throws IOException {
        // seed: 50 000 € spent, 200 000 € revenue → ROI 300 % = 3.0
        Files.writeString(inbox().resolve("costs.csv"), "month,category,channel,amount,currency\n"
                + "2026-06,marketing,,50000,EUR\n");
        Files.writeString(inbox().resolve("deals.csv"), "id,name,account_id,lead_id,owner,type,amount,currency,stage,"
                + "created_at,expected_close_date,closed_at,is_won\n"
                + "R1,big,,,vera,new,200000,EUR,closed_won,2026-05-01T10:00:00Z,,2026-06-15T10:00:00Z,true\n");
        syncRunner.runNow("files");

        assertThat(value("roi", "month", "2026-06-01")).isEqualByComparingTo("3");
        assertThat(value("roi", "quarter", "2026-04-01")).isEqualByComparingTo("3");
    }

    @Test
    void retentionAndUnitEconomics() throws IOException {
        // seed example: NRR 120 % despite 10 % logo churn. March: ten accounts at 1 000 €. April: a1
        // churns, a2–a4 expand to 2 000, a5–a10 stay, a11 is new at 500. One new deal won in April;
        // April costs 3 000 marketing + 1 000 sales.
        StringBuilder mrr = new StringBuilder("account_id,month,mrr,currency\n");
        for (int i = 1; i <= 10; i++) {
            mrr.append("a").append(i).append(",2026-03,1000,EUR\n");
            if (i > 1) {
                mrr.append("a").append(i).append(",2026-04,").append(i <= 4 ? "2000" : "1000").append(",EUR\n");
            }
        }
        mrr.append("a11,2026-04,500,EUR\n");
        Files.writeString(inbox().resolve("mrr.csv"), mrr);
        Files.writeString(inbox().resolve("costs.csv"), "month,category,channel,amount,currency\n"
                + "2026-04,marketing,,3000,EUR\n2026-04,sales,,1000,EUR\n");
        Files.writeString(inbox().resolve("deals.csv"), "id,name,account_id,lead_id,owner,type,amount,currency,stage,"
                + "created_at,expected_close_date,closed_at,is_won\n"
                + "N1,a11,a11,LN,vera,new,6000,EUR,closed_won,2026-03-01T10:00:00Z,,2026-04-20T10:00:00Z,true\n");
        // a11's lead, created in April, one Paid Search touch before the close, customer on 04-20
        Files.writeString(inbox().resolve("leads.csv"), "id,email,company,title,country,channel,source,campaign_id,"
                + "owner,score,created_at,mql_at,sql_at,opportunity_at,customer_at,disqualified_at,first_response_at,"
                + "account_id\nLN,ln@k.example,K,CEO,DE,Paid Search,google,,vera,80,2026-04-02T10:00:00Z,,,,"
                + "2026-04-20T10:00:00Z,,,a11\n");
        Files.writeString(inbox().resolve("touchpoints.csv"), "id,lead_id,occurred_at,channel,source,medium,campaign_id,"
                + "type\nTN,LN,2026-04-05T10:00:00Z,Paid Search,google,cpc,,ad_click\n");
        // a11 went live 14 days after N1's close (seed example: 14 days)
        Files.writeString(inbox().resolve("accounts.csv"), "id,name,domain,industry,employees,annual_revenue,"
                + "go_live_date\na11,K,k.example,Software,50,1000000,2026-05-04\n");
        syncRunner.runNow("files");

        // time to value: N1 closed 2026-04-20 (Berlin), a11 live 2026-05-04 → 14 days, counted in May
        assertThat(value("time_to_value", "month", "2026-05-01")).isEqualByComparingTo("14");
        // start MRR 10 000; expansion 3 × 1 000; churned 1 000 (a1); contraction 0; a11 is new, not retention
        // NRR = (10 000 + 3 000 − 0 − 1 000) ÷ 10 000 = 1.2; logo churn 1 ÷ 10
        assertThat(value("net_revenue_retention", "month", "2026-04-01")).isEqualByComparingTo("1.2");
        assertThat(value("churn_rate", "month", "2026-04-01")).isEqualByComparingTo("0.1");
        assertThat(value("revenue_churn_rate", "month", "2026-04-01")).isEqualByComparingTo("0.1");
        // GRR = (10 000 − 0 − 1 000) ÷ 10 000; expansion 3 000 ÷ 10 000
        assertThat(value("gross_revenue_retention", "month", "2026-04-01")).isEqualByComparingTo("0.9");
        assertThat(value("expansion_revenue_rate", "month", "2026-04-01")).isEqualByComparingTo("0.3");
        // CRR = (10 customers at end − 1 new) ÷ 10 at start
        assertThat(value("customer_retention_rate", "month", "2026-04-01")).isEqualByComparingTo("0.9");
        // MRR April = 3 × 2 000 + 6 × 1 000 + 500 = 12 500; ARR = 150 000
        assertThat(value("mrr", "month", "2026-04-01")).isEqualByComparingTo("12500");
        assertThat(value("arr", "month", "2026-04-01")).isEqualByComparingTo("150000");
        // CLV = 12 500 ÷ 10 customers × 0.8 margin ÷ 0.1 monthly churn = 10 000
        assertThat(value("clv", "month", "2026-04-01")).isEqualByComparingTo("10000");
        // CAC = (3 000 + 1 000) ÷ 1 new customer = 4 000; payback = 4 000 ÷ (500 × 0.8) = 10 months
        assertThat(value("cac", "month", "2026-04-01")).isEqualByComparingTo("4000");
        assertThat(value("cac_payback_months", "month", "2026-04-01")).isEqualByComparingTo("10");
        // CLV : CAC = 10 000 ÷ 4 000
        assertThat(value("clv_cac_ratio", "month", "2026-04-01")).isEqualByComparingTo("2.5");
        // lead-gen ROI: all of N1's 6 000 is credited to TN, share 6 000 ÷ 6 000 = 1:
        // (1 new customer × 1 × 10 000 CLV − 3 000 marketing cost) ÷ 3 000 = 2.33
        assertThat(value("lead_gen_roi", "month", "2026-04-01")).isEqualByComparingTo("2.3333333333");
        // LVI: lead→customer 1 ÷ 1 (LN) × CLV 10 000 ÷ 50 cycle days (03-01 → 04-20) = 200; ÷ CPL 3 000 ÷ 1 lead
        assertThat(value("lead_value_index", "month", "2026-04-01")).isEqualByComparingTo("0.0666666667");
        // March is the first month of MRR data: its start is unknown, so no retention value
        assertThat(row("net_revenue_retention", "month", "2026-03-01", null, null)).isNull();

        // a run that writes no MRR leaves April's movements as they were (the recompute takes them again)
        sync("leads.csv", "id,email,company,title,country,channel,source,campaign_id,owner,score,created_at,mql_at,"
                + "sql_at,opportunity_at,customer_at,disqualified_at,first_response_at,account_id\n"
                + "LM,lm@m.example,M,CTO,DE,Referral,partner,,vera,60,2026-04-10T10:00:00Z,,,,,,,\n");
        assertThat(value("new_leads", "month", "2026-04-01")).isEqualByComparingTo("2");
        assertThat(value("net_revenue_retention", "month", "2026-04-01")).isEqualByComparingTo("1.2");
        // one that does is read again: a5 contracts to 500 in April → (10 000 + 3 000 − 500 − 1 000) ÷ 10 000
        sync("mrr.csv", "account_id,month,mrr,currency\na5,2026-04,500,EUR\n");
        assertThat(value("net_revenue_retention", "month", "2026-04-01")).isEqualByComparingTo("1.15");
        assertThat(value("gross_revenue_retention", "month", "2026-04-01")).isEqualByComparingTo("0.85");
    }

    @Test
    void aRestatementIsKeptAsHistory() throws IOException {
        importDrop("funnel");
        assertThat(value("lead_to_mql_rate", "month", "2026-01-01")).isEqualByComparingTo("0.6666666667");

        // L3 reaches MQL on 2026-01-25: the January cohort is now 3 of 3
        importDrop("restatement");

        assertThat(value("lead_to_mql_rate", "month", "2026-01-01")).isEqualByComparingTo("1");
        assertThat(value("new_mqls", "month", "2026-01-01")).isEqualByComparingTo("3");
        List<Map<String, Object>> history = jdbc.queryForList("SELECT metric_value, superseded_at FROM kpi_values "
                + "WHERE kpi = 'lead_to_mql_rate' AND grain = 'month' AND period_start = DATE '2026-01-01' "
                + "AND dimension IS NULL ORDER BY computed_at, id");
        assertThat(history).hasSize(2);
        assertThat(decimal(history.get(0).get("metric_value"))).isEqualByComparingTo("0.6666666667");
        assertThat(history.get(0).get("superseded_at")).isNotNull();
        assertThat(history.get(1).get("superseded_at")).isNull();
        // a full recompute on unchanged data writes nothing
        assertAFullRecomputeWritesNothing();
    }

    @Test
    void aRecomputeAfterASyncAgreesWithAFullOne() throws IOException {
        importDrop("funnel");
        assertThat(value("pipeline_value", "month", "2026-03-01")).isEqualByComparingTo("4800");

        // D4 (3 000 EUR, created 02-12) is won on 03-10; D6 (1 000 EUR) opens on 03-05. The recompute
        // after this run counts the days from 02-12 on and takes the earlier ones from the last compute.
        importDrop("late-deals");

        // open at the end of February: D4 3 000 + D5 2 000 USD at its creation day's 0.9 = 1 800 → 4 800
        assertThat(value("pipeline_value", "month", "2026-02-01")).isEqualByComparingTo("4800");
        // open at the end of March: D5 1 800 (created 01-20, before the counted days) + D6 1 000 = 2 800
        assertThat(value("pipeline_value", "month", "2026-03-01")).isEqualByComparingTo("2800");
        assertThat(value("deals_won", "month", "2026-03-01")).isEqualByComparingTo("1");
        assertThat(value("won_revenue", "month", "2026-03-01")).isEqualByComparingTo("3000");
        // January, before the changed days, as it was: D1 10 000 + D2 4 500 + D5 1 800
        assertThat(value("pipeline_value", "month", "2026-01-01")).isEqualByComparingTo("16300");

        // a run with only an FX rate: USD 0.5 from 01-18, so D5 (created 01-20) is worth 1 000; D2 (created
        // 01-15) keeps 0.9
        sync("fx_rates.csv", "date,currency,rate\n2026-01-18,USD,0.5\n");
        // January: 10 000 + 4 500 + 1 000; March: D5 1 000 + D6 1 000
        assertThat(value("pipeline_value", "month", "2026-01-01")).isEqualByComparingTo("15500");
        assertThat(value("pipeline_value", "month", "2026-03-01")).isEqualByComparingTo("2000");
        // counting every day again finds nothing to restate
        assertAFullRecomputeWritesNothing();
    }

    @Test
    void aLeadOrDealWhoseCreationMovesLaterLeavesItsOldMonth() throws IOException {
        importDrop("funnel");
        // January (Berlin): L1 on the 5th, L2 on the 6th, L3 on the 7th
        assertThat(value("new_leads", "month", "2026-01-01")).isEqualByComparingTo("3");

        // a correction: L3 was created on 2 March, not 7 January. The run's own rows say March; the
        // recompute must still count January again, where the replaced version of L3 was counted
        sync("leads.csv", "id,email,company,title,country,channel,source,owner,created_at,first_response_at,account_id\n"
                + "L3,l3@c.example,C,Analyst,DE,Organic Search,seo,ben,2026-03-02T09:00:00Z,2026-03-02T09:10:30Z,A3\n");

        assertThat(value("new_leads", "month", "2026-01-01")).isEqualByComparingTo("2");
        assertThat(value("new_leads", "month", "2026-03-01")).isEqualByComparingTo("1");
        assertAFullRecomputeWritesNothing();

        // the same for a deal: D5 (2 000 USD, open) was created on 3 March, not 20 January. Open at the
        // end of January: D1 10 000 + D2 4 500 (5 000 USD at 0.9), no longer D5 → 14 500; of February:
        // D4 3 000 → 3 000; of March: D4 3 000 + D5 at its new creation day's 0.8 = 1 600 → 4 600
        assertThat(value("pipeline_value", "month", "2026-01-01")).isEqualByComparingTo("16300");
        sync("deals.csv", "id,name,account_id,lead_id,owner,type,amount,currency,stage,created_at,expected_close_date\n"
                + "D5,C new,A3,L3,ben,new,2000.00,USD,discovery,2026-03-03T12:00:00Z,2026-04-30\n");
        assertThat(value("pipeline_value", "month", "2026-01-01")).isEqualByComparingTo("14500");
        assertThat(value("pipeline_value", "month", "2026-02-01")).isEqualByComparingTo("3000");
        assertThat(value("pipeline_value", "month", "2026-03-01")).isEqualByComparingTo("4600");
        assertAFullRecomputeWritesNothing();
    }

    @Test
    void csvExportReplacesEachFileWholeOrNotAtAll(@Autowired io.revloop.sink.csv.CsvKpiExport export) throws IOException {
        importDrop("funnel");
        Path dir = inbox().resolveSibling(inbox().getFileName() + "-export");
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir);
        // what a crash in an earlier export left behind: a partial file beside a complete one
        Files.writeString(dir.resolve("kpi_values_month.csv"), "an earlier complete export\n");
        Files.writeString(dir.resolve("kpi_values_month.csv.partial"), "kpi,grain,period_st");

        export.export(dir);

        List<String> month = Files.readAllLines(dir.resolve("kpi_values_month.csv"));
        assertThat(month.get(0)).isEqualTo("kpi,grain,period_start,dimension,dimension_value,value,numerator,"
                + "denominator,computed_at,complete");
        // January: 3 new leads; lead → MQL 2 of 3 (see funnelCountsAndCohortRates); January is over and the
        // leads reach into February: complete
        assertThat(month).anyMatch(line -> line.startsWith("new_leads,month,2026-01-01,,,3,3,,")
                && line.endsWith(",true"));
        assertThat(month).anyMatch(line -> line.startsWith("lead_to_mql_rate,month,2026-01-01,,,0.6666666667,2,3,"));
        assertThat(month).hasSize(1 + jdbc.queryForObject("SELECT COUNT(*) FROM kpi_values WHERE grain = 'month' "
                + "AND superseded_at IS NULL", Integer.class));
        assertThat(dir.resolve("kpi_values_month.csv.partial")).doesNotExist();
        for (String grain : List.of("day", "week", "quarter")) {
            assertThat(dir.resolve("kpi_values_" + grain + ".csv")).exists();
        }

        // an export that fails while writing (here: its partial file cannot be created) leaves the
        // complete file of the previous export as it was
        List<String> before = Files.readAllLines(dir.resolve("kpi_values_day.csv"));
        Files.createDirectories(dir.resolve("kpi_values_day.csv.partial"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> export.export(dir))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(Files.readAllLines(dir.resolve("kpi_values_day.csv"))).isEqualTo(before);
    }

    @Test
    void csvExportCellsAreSafeToOpenInASpreadsheetAndOwnerOnly(@Autowired CsvKpiExport export)
            throws IOException {
        Path dir = inbox().resolveSibling(inbox().getFileName() + "-export-cells").resolve("export");
        FileSystemUtils.deleteRecursively(dir.getParent());
        // campaign and owner names come from imports and CRMs anyone may type into: one is a formula,
        // one looks like a negative number (text all the same); the ROI of -12.5 is a number
        String insert = "INSERT INTO kpi_values (kpi, grain, period_start, dimension, dimension_value, metric_value,"
                + " numerator, denominator, computed_at) VALUES (?, 'month', DATE '2026-01-01', ?, ?, ?, ?, ?, ?)";
        OffsetDateTime computedAt = OffsetDateTime.parse("2026-02-01T08:00:00Z");
        jdbc.update(insert, "roi", "campaign", "=HYPERLINK(\"http://evil.example\",\"win\")", new BigDecimal("-12.5"),
                new BigDecimal("-25"), new BigDecimal("2"), computedAt);
        jdbc.update(insert, "roi", "campaign", "-12.5", new BigDecimal("3"), new BigDecimal("6"), new BigDecimal("2"),
                computedAt);
        jdbc.update(insert, "new_leads", "owner", "@ops", new BigDecimal("4"), new BigDecimal("4"), null, computedAt);
        jdbc.update(insert, "new_leads", "owner", "+49 team", new BigDecimal("1"), new BigDecimal("1"), null, computedAt);

        export.export(dir);

        List<String> month = Files.readAllLines(dir.resolve("kpi_values_month.csv"));
        // a leading ' makes a spreadsheet show the cell as text; commons-csv quotes the cell holding quotes
        assertThat(month).hasSize(5);
        assertThat(month.get(1)).startsWith("new_leads,month,2026-01-01,owner,'+49 team,1,1,,");
        assertThat(month.get(2)).startsWith("new_leads,month,2026-01-01,owner,'@ops,4,4,,");
        assertThat(month.get(3)).startsWith("roi,month,2026-01-01,campaign,'-12.5,3,6,2,");
        assertThat(month.get(4)).startsWith(
                "roi,month,2026-01-01,campaign,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"win\"\")\",-12.5,-25,2,");
        OwnerOnly.assertDirectory(dir);
        OwnerOnly.assertDirectory(dir.getParent());
        for (String grain : List.of("day", "week", "month", "quarter")) {
            OwnerOnly.assertFile(dir.resolve("kpi_values_" + grain + ".csv"));
        }
    }

    @Test
    void catalogueAndValidation() {
        List<Map<String, Object>> catalogue = http.exchange("/api/kpis/catalog", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
        Map<String, Object> winRate = catalogue.stream().filter(k -> k.get("id").equals("win_rate")).findFirst()
                .orElseThrow();
        assertThat(winRate).containsEntry("unit", "ratio").containsEntry("direction", "higher");
        assertThat((Map<String, Object>) winRate.get("benchmark")).containsEntry("low", 0.15).containsEntry("high", 0.30);
        assertThat((List<String>) winRate.get("grains")).containsExactly("day", "week", "month", "quarter");
        assertThat((List<String>) winRate.get("dimensions")).contains("channel", "source", "campaign", "owner");

    }

    /** Every 400 names the parameter, the value given and the form expected — never a Java type. */
    @Test
    void everyBadRequestNamesTheParameterTheValueAndTheExpectedForm() {
        assertThat(badRequest("/api/kpis?kpi=happiness&grain=month"))
                .isEqualTo("kpi: 'happiness' is not a KPI; use an id of GET /api/kpis/catalog, e.g. win_rate");
        assertThat(badRequest("/api/kpis")).isEqualTo("kpi: missing; use an id of GET /api/kpis/catalog, e.g. win_rate");
        assertThat(badRequest("/api/kpis?kpi=win_rate&grain=year"))
                .isEqualTo("grain: 'year' is not a grain; use day, week, month, quarter");
        assertThat(badRequest("/api/kpis?kpi=cac&grain=day"))
                .isEqualTo("grain: 'day' is not a grain cac is computed per; use month, quarter");
        assertThat(badRequest("/api/kpis?kpi=sessions&grain=month&by=owner"))
                .isEqualTo("by: 'owner' is not a breakdown of sessions per month; use channel");
        assertThat(badRequest("/api/kpis?kpi=sessions&by=region"))
                .isEqualTo("by: 'region' is not a dimension; use channel, source, campaign, owner, score_band");
        assertThat(badRequest("/api/kpis?kpi=win_rate&from=2026/01/01"))
                .isEqualTo("from: '2026/01/01' is not a date; use a date, YYYY-MM-DD");
        assertThat(badRequest("/api/kpis?kpi=win_rate&from=2026-02-01&to=2026-01-01"))
                .isEqualTo("to: '2026-01-01' is before from '2026-02-01'; use a day on or after from");
        assertThat(badRequest("/api/kpis?kpi=roas&model=u_shaped")).isEqualTo("model: 'u_shaped' is not an "
                + "attribution model; use first_touch, last_touch, linear, position_based, time_decay, w_shaped");
        assertThat(badRequest("/api/kpis?kpi=win_rate&model=linear")).isEqualTo("model: 'linear' does not apply to "
                + "win_rate; leave it out, or ask for one of channel_cac, channel_roi, marketing_attributed_revenue, "
                + "roas, romi");
        assertThat(badRequest("/api/attribution?to=2026-01-31")).isEqualTo("from: missing; use a date, YYYY-MM-DD");
        assertThat(badRequest("/api/syncs?limit=lots")).isEqualTo("limit: 'lots' is not a whole number; use a whole number");
        assertThat(badRequest("/api/syncs?limit=0")).isEqualTo("limit: '0' is out of range; use 1 to 1000");
        assertThat(badRequest("/api/syncs/seven")).isEqualTo("id: 'seven' is not a whole number; use a whole number");
        assertThat(badRequest("/api/dead-letters")).isEqualTo("run: missing; use a whole number");
        assertThat(badRequest("/api/alerts?state=open"))
                .isEqualTo("state: 'open' is not a state of an alert event; use firing, resolved or digest");
        assertThat(http.exchange("/api/syncs?source=dropbox", HttpMethod.POST, null, Map.class).getBody().get("error"))
                .isEqualTo("source: 'dropbox' is not a source; use one of files, salesforce, hubspot, ga4, "
                        + "google-ads, linkedin-ads, meta-ads");
    }

    private String badRequest(String path) {
        ResponseEntity<Map> response = http.getForEntity(path, Map.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
        return (String) response.getBody().get("error");
    }

    // ------------------------------------------------------------------ helpers

    private void importDrop(String name) throws IOException {
        try (Stream<Path> files = Files.list(DATA.resolve(name))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                Files.copy(file, inbox().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        syncRunner.runNow("files");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters", Integer.class)).isZero();
    }

    private void assertRatio(String kpi, String grain, String period, String numerator, String denominator,
                             String value) {
        Map<String, Object> row = row(kpi, grain, period, null, null);
        assertThat(row).as(kpi + " " + period).isNotNull();
        assertThat(decimal(row.get("numerator"))).isEqualByComparingTo(numerator);
        assertThat(decimal(row.get("denominator"))).isEqualByComparingTo(denominator);
        assertThat(decimal(row.get("value"))).isEqualByComparingTo(value);
    }

    /** POST /api/kpis/compute counts every day again: on unchanged data it writes and restates nothing. */
    private void assertAFullRecomputeWritesNothing() {
        Map<String, Object> compute = http.postForObject("/api/kpis/compute", null, Map.class);
        assertThat(compute).containsEntry("valuesWritten", 0).containsEntry("valuesSuperseded", 0);
    }

    /** Drops one file into the inbox and runs the files source. */
    private void sync(String file, String content) throws IOException {
        Files.writeString(inbox().resolve(file), content);
        syncRunner.runNow("files");
    }

    private BigDecimal value(String kpi, String grain, String period) {
        return value(kpi, grain, period, null, null);
    }

    private BigDecimal value(String kpi, String grain, String period, String by, String dimensionValue) {
        Map<String, Object> row = row(kpi, grain, period, by, dimensionValue);
        assertThat(row).as(kpi + " " + grain + " " + period + " " + by + "=" + dimensionValue).isNotNull();
        return decimal(row.get("value"));
    }

    private Map<String, Object> row(String kpi, String grain, String period, String by, String dimensionValue) {
        String url = "/api/kpis?kpi=" + kpi + "&grain=" + grain + "&from=" + period + "&to=" + period
                + (by == null ? "" : "&by=" + by);
        ResponseEntity<List<Map<String, Object>>> response = http.exchange(url, HttpMethod.GET, null,
                new ParameterizedTypeReference<>() { });
        assertThat(response.getStatusCode()).as(url).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> rows = new ArrayList<>(response.getBody());
        rows.removeIf(r -> !r.get("periodStart").equals(period) || !Objects.equals(r.get("dimensionValue"), dimensionValue));
        assertThat(rows.size()).as(url).isLessThanOrEqualTo(1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static BigDecimal decimal(Object number) {
        return number == null ? null : new BigDecimal(number.toString());
    }
}
