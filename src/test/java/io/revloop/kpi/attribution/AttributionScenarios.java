package io.revloop.kpi.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.revloop.kpi.Dimension;
import io.revloop.kpi.fx.DailyFxRates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Attribution and the source-to-revenue matrix on hand-built data, through the service and the REST API
 * over real HTTP. Every expected value is worked out in the comment above it. Runs once per database
 * (see the subclasses). The hub's time zone is Europe/Berlin here, so a close late in the evening UTC
 * belongs to the next local day.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.time-zone=Europe/Berlin"})
abstract class AttributionScenarios {

    /** Reads numbers exactly as the API wrote them: 5000.00 stays 5000.00. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AttributionService attribution;
    @Autowired
    DailyFxRates fxRates;
    CanonicalRows store;

    @BeforeEach
    void emptyStore() {
        store = new CanonicalRows(jdbc);
        store.clear();
    }

    /**
     * The catalogue's source-to-revenue example as channels: Organic search → Organic Search, LinkedIn Ads →
     * Paid Social, Webinars → Events, Email → Email, Google Ads → Paid Search; March 2026, position_based.
     */
    @Test
    void theCataloguesSourceToRevenueExample() throws Exception {
        leads("org", 350, "Organic Search");
        leads("li", 125, "Paid Social");
        leads("web", 80, "Events");
        leads("em", 200, "Email");
        leads("gad", 300, "Paid Search");
        // not counted: a deleted lead in March, a lead of 1 April (local day)
        store.deletedLead("gone-1", "2026-03-10T10:00:00Z", "Email")
                .lead("april-1", "2026-03-31T22:30:00Z", "Email", null, null, null);

        // Revenue, position based (40/20/40; one touch 100 %, two 50/50):
        // D1 100 000: Organic Search, Events, Paid Social → 40 000, 20 000, 40 000
        store.touch("t1a", "org-001", "2026-03-02T09:00:00Z", "Organic Search", "google", null)
                .touch("t1b", "org-001", "2026-03-05T09:00:00Z", "Events", "webinar", null)
                .touch("t1c", "org-001", "2026-03-10T09:00:00Z", "Paid Social", "linkedin", null)
                .wonDeal("D1", "org-001", null, "100000.00", "EUR", "2026-03-11T09:00:00Z", "2026-03-20T12:00:00Z");
        // D2 80 000: Organic Search alone → 80 000
        store.touch("t2a", "org-002", "2026-03-03T09:00:00Z", "Organic Search", "google", null)
                .wonDeal("D2", "org-002", null, "80000", "EUR", "2026-03-04T09:00:00Z", "2026-03-21T12:00:00Z");
        // D3 70 000: Events, Email → 35 000 each
        store.touch("t3a", "web-001", "2026-03-03T09:00:00Z", "Events", "webinar", null)
                .touch("t3b", "web-001", "2026-03-06T09:00:00Z", "Email", "newsletter", null)
                .wonDeal("D3", "web-001", null, "70000", "EUR", "2026-03-07T09:00:00Z", "2026-03-22T12:00:00Z");
        // D4 40 000: Events alone
        store.touch("t4a", "web-002", "2026-03-03T09:00:00Z", "Events", "webinar", null)
                .wonDeal("D4", "web-002", null, "40000", "EUR", "2026-03-07T09:00:00Z", "2026-03-23T12:00:00Z");
        // D5 45 000: Paid Social alone
        store.touch("t5a", "li-001", "2026-03-03T09:00:00Z", "Paid Social", "linkedin", null)
                .wonDeal("D5", "li-001", null, "45000", "EUR", "2026-03-07T09:00:00Z", "2026-03-24T12:00:00Z");
        // D6 65 000: Paid Search alone
        store.touch("t6a", "gad-001", "2026-03-03T09:00:00Z", "Paid Search", "google", null)
                .wonDeal("D6", "gad-001", null, "65000", "EUR", "2026-03-07T09:00:00Z", "2026-03-25T12:00:00Z");
        // not counted: a lost deal, a deleted won deal, a deal won on 1 April (local day: 23:30 in Berlin is 01:30)
        store.deal("lost", "gad-002", null, "99999", "EUR", "2026-03-07T09:00:00Z", "2026-03-25T12:00:00Z", false, false)
                .deal("deleted", "gad-003", null, "99999", "EUR", "2026-03-07T09:00:00Z", "2026-03-25T12:00:00Z", true, true)
                .wonDeal("april", "gad-004", null, "99999", "EUR", "2026-03-07T09:00:00Z", "2026-03-31T23:30:00Z")
                .touch("t7a", "gad-002", "2026-03-03T09:00:00Z", "Paid Search", "google", null)
                .touch("t8a", "gad-003", "2026-03-03T09:00:00Z", "Paid Search", "google", null)
                .touch("t9a", "gad-004", "2026-03-03T09:00:00Z", "Paid Search", "google", null);
        // Organic 40 000 + 80 000 = 120 000; Paid Social 40 000 + 45 000 = 85 000;
        // Events 20 000 + 35 000 + 40 000 = 95 000; Email 35 000; Paid Search 65 000.

        // Cost: Google Ads 12 500 + 12 500 = 25 000 (Paid Search); LinkedIn Ads 18 000, its channel taken from
        // its campaign (Paid Social); marketing costs of March: Organic 15 000, Events 12 000, Email 5 000.
        store.campaign("cmp-li", "Paid Social", "linkedin_ads")
                .adSpend("2026-03-05", "google_ads", "cmp-g", "Paid Search", "12500", "EUR")
                .adSpend("2026-03-20", "google_ads", "cmp-g", "Paid Search", "12500.00", "EUR")
                .adSpend("2026-03-10", "linkedin_ads", "cmp-li", null, "18000", "EUR")
                .cost("2026-03-01", "marketing", "Organic Search", "15000", "EUR")
                .cost("2026-03-01", "marketing", "Events", "12000", "EUR")
                .cost("2026-03-01", "marketing", "Email", "5000", "EUR");
        // not counted: spend of 28 February and 1 April, a deleted spend row, a sales cost booked to Email,
        // marketing cost of April
        store.adSpend("2026-02-28", "google_ads", "cmp-g", "Paid Search", "777", "EUR")
                .adSpend("2026-04-01", "google_ads", "cmp-g", "Paid Search", "777", "EUR")
                .adSpend("2026-03-06", "google_ads", "cmp-g", "Paid Search", "777", "EUR", true)
                .cost("2026-03-01", "sales", "Email", "777", "EUR")
                .cost("2026-04-01", "marketing", "Email", "777", "EUR");

        JsonNode matrix = get("/api/source-to-revenue?from=2026-03-01&to=2026-03-31&by=channel");

        // roi = (revenue − cost) ÷ cost: Email (35 000 − 5 000) ÷ 5 000 = 6 (600 %);
        // Events (95 000 − 12 000) ÷ 12 000 = 6.91666… (692 %); Organic (120 000 − 15 000) ÷ 15 000 = 7 (700 %);
        // Paid Search (65 000 − 25 000) ÷ 25 000 = 1.6 (160 %); Paid Social (85 000 − 18 000) ÷ 18 000 = 3.7222… (372 %)
        assertThat(rows(matrix)).containsExactly(
                "Email | 200 | 5000.00 | 35000.00 | 6.000000",
                "Events | 80 | 12000.00 | 95000.00 | 6.916667",
                "Organic Search | 350 | 15000.00 | 120000.00 | 7.000000",
                "Paid Search | 300 | 25000.00 | 65000.00 | 1.600000",
                "Paid Social | 125 | 18000.00 | 85000.00 | 3.722222");

        // the same revenue from /api/attribution, with the deals that have a share in each channel:
        // Email D3; Events D1, D3, D4; Organic D1, D2; Paid Search D6; Paid Social D1, D5
        JsonNode attributed = get("/api/attribution?from=2026-03-01&to=2026-03-31");
        assertThat(attributionRows(attributed)).containsExactly(
                "position_based | channel | Email | 35000.00 | 1",
                "position_based | channel | Events | 95000.00 | 3",
                "position_based | channel | Organic Search | 120000.00 | 2",
                "position_based | channel | Paid Search | 65000.00 | 1",
                "position_based | channel | Paid Social | 85000.00 | 2");
    }

    @Test
    void theMatrixBySourceAndByCampaign() throws Exception {
        // two leads from google on campaign cmp-g, one from linkedin without campaign, in May
        store.lead("g-1", "2026-05-02T10:00:00Z", "Paid Search", "google", "cmp-g", null)
                .lead("g-2", "2026-05-03T10:00:00Z", "Organic Search", "google", null, null)
                .lead("l-1", "2026-05-04T10:00:00Z", "Paid Social", "linkedin", "cmp-l", null);
        // one deal of 1 000 won in May, touches google/cmp-g then linkedin/cmp-l → 500 each (two touches: 50/50)
        store.touch("t1", "g-1", "2026-05-02T10:00:00Z", "Paid Search", "google", "cmp-g")
                .touch("t2", "g-1", "2026-05-05T10:00:00Z", "Paid Social", "linkedin", "cmp-l")
                .wonDeal("D", "g-1", null, "1000", "EUR", "2026-05-06T10:00:00Z", "2026-05-10T10:00:00Z");
        // spend: google_ads (source google) 250, linkedin_ads (source linkedin) 100, an unknown platform 40 (its
        // own source "podcast_ads"); the marketing cost of the Email channel has no source: left out
        store.adSpend("2026-05-03", "google_ads", "cmp-g", "Paid Search", "250", "EUR")
                .adSpend("2026-05-03", "linkedin_ads", "cmp-l", "Paid Social", "100", "EUR")
                .adSpend("2026-05-03", "podcast_ads", "cmp-p", "Other", "40", "EUR")
                .cost("2026-05-01", "marketing", "Email", "5000", "EUR");

        // google: 2 leads, 250 cost, 500 revenue → (500 − 250) ÷ 250 = 1; linkedin: 1, 100, 500 → 4;
        // podcast_ads: 0 leads, 40 cost, 0 revenue → (0 − 40) ÷ 40 = −1
        assertThat(rows(get("/api/source-to-revenue?from=2026-05-01&to=2026-05-31&by=source"))).containsExactly(
                "google | 2 | 250.00 | 500.00 | 1.000000",
                "linkedin | 1 | 100.00 | 500.00 | 4.000000",
                "podcast_ads | 0 | 40.00 | 0.00 | -1.000000");
        // by campaign: cmp-g 1 lead, 250, 500 → 1; cmp-l 1 lead (l-1), 100, 500 → 4; cmp-p 0, 40, 0 → −1;
        // g-2 has no campaign: the null row, 1 lead, no cost → roi null
        assertThat(rows(get("/api/source-to-revenue?from=2026-05-01&to=2026-05-31&by=campaign"))).containsExactly(
                "cmp-g | 1 | 250.00 | 500.00 | 1.000000",
                "cmp-l | 1 | 100.00 | 500.00 | 4.000000",
                "cmp-p | 0 | 40.00 | 0.00 | -1.000000",
                "null | 1 | 0.00 | 0.00 | null");
    }

    @Test
    void touchesOfTheAccountsLeadsCountOnceWithinTheLookbackUpToTheClose() {
        // the primary lead L1 and L2 both belong to account acc-1; L3 belongs to another account
        store.lead("L1", "2025-04-01T10:00:00Z", "Email", null, null, "acc-1")
                .lead("L2", "2026-03-01T10:00:00Z", "Referral", null, null, "acc-1")
                .lead("L3", "2026-03-01T10:00:00Z", "Events", null, null, "acc-2");
        // closed 2026-04-15 12:00 UTC; the lookback of 365 days starts 2025-04-15 12:00 UTC
        store.touch("L1-old", "L1", "2025-04-15T11:00:00Z", "Events", null, null)       // 1 h before the window: out
                .touch("L1-edge", "L1", "2025-04-15T13:00:00Z", "Email", null, null)    // 1 h inside: in
                .touch("L2-mid", "L2", "2026-04-01T10:00:00Z", "Referral", null, null)  // the account's other lead: in
                .touch("L1-close", "L1", "2026-04-15T12:00:00Z", "Direct", null, null)  // at the close: in
                .touch("L1-after", "L1", "2026-04-15T12:01:00Z", "Paid Social", null, null) // after the close: out
                .touch("L1-deleted", "L1", "2026-04-02T10:00:00Z", "Paid Search", null, null, true) // deleted: out
                .touch("L3-other", "L3", "2026-04-02T10:00:00Z", "Events", null, null)  // another account: out
                .wonDeal("D", "L1", "acc-1", "300", "EUR", "2026-04-10T10:00:00Z", "2026-04-15T12:00:00Z");
        fxRates.rebuild();
        LocalDate day = LocalDate.of(2026, 4, 15);

        // linear over the three touches in: 100 each. Counted twice, L1's touches would make it 60 each (Email 120).
        assertThat(credits(AttributionModel.LINEAR, Dimension.CHANNEL, day)).containsExactly(
                "2026-04-15 | Direct | 100.00 | 1", "2026-04-15 | Email | 100.00 | 1", "2026-04-15 | Referral | 100.00 | 1");
        // first touch is the one just inside the window, last touch the one at the close
        assertThat(credits(AttributionModel.FIRST_TOUCH, Dimension.CHANNEL, day)).containsExactly(
                "2026-04-15 | Email | 300.00 | 1");
        assertThat(credits(AttributionModel.LAST_TOUCH, Dimension.CHANNEL, day)).containsExactly(
                "2026-04-15 | Direct | 300.00 | 1");
    }

    @Test
    void positionBasedOverFiveTouchesAndLinearOverThreeSumToTheRevenue() {
        // D5: 100.00 over five touches, position based: 40.00, 6.67, 6.67, 6.66, 40.00 (the middle 20 % is 6.666…
        // each; the two cents left over go to the earlier touches)
        store.lead("L5", "2026-06-01T10:00:00Z", "Email", null, null, null);
        String[] campaigns = {"c1", "c2", "c3", "c4", "c5"};
        for (int i = 0; i < 5; i++) {
            store.touch("t5-" + i, "L5", "2026-06-0" + (i + 1) + "T12:00:00Z", "Email", "newsletter", campaigns[i]);
        }
        store.wonDeal("D5", "L5", null, "100.00", "EUR", "2026-06-06T10:00:00Z", "2026-06-10T12:00:00Z");
        // D3: 100.00 over three touches, linear: 33.34, 33.33, 33.33 — summing to exactly 100.00
        store.lead("L3", "2026-06-01T10:00:00Z", "Email", null, null, null)
                .touch("t3-1", "L3", "2026-06-02T12:00:00Z", "Email", "newsletter", "c1")
                .touch("t3-2", "L3", "2026-06-03T12:00:00Z", "Email", "newsletter", "c2")
                .touch("t3-3", "L3", "2026-06-04T12:00:00Z", "Email", "newsletter", "c3")
                .wonDeal("D3", "L3", null, "100.00", "EUR", "2026-06-06T10:00:00Z", "2026-06-11T12:00:00Z");
        fxRates.rebuild();

        assertThat(credits(AttributionModel.POSITION_BASED, Dimension.CAMPAIGN, LocalDate.of(2026, 6, 10)))
                .containsExactly("2026-06-10 | c1 | 40.00 | 1", "2026-06-10 | c2 | 6.67 | 1", "2026-06-10 | c3 | 6.67 | 1",
                        "2026-06-10 | c4 | 6.66 | 1", "2026-06-10 | c5 | 40.00 | 1");
        assertThat(credits(AttributionModel.LINEAR, Dimension.CAMPAIGN, LocalDate.of(2026, 6, 11)))
                .containsExactly("2026-06-11 | c1 | 33.34 | 1", "2026-06-11 | c2 | 33.33 | 1", "2026-06-11 | c3 | 33.33 | 1");
        // five touches of one channel: one row, the deal counted once, all of its 100.00
        assertThat(credits(AttributionModel.POSITION_BASED, Dimension.SOURCE, LocalDate.of(2026, 6, 10)))
                .containsExactly("2026-06-10 | newsletter | 100.00 | 1");
    }

    @Test
    void timeDecayHalvesTheCreditPerSevenDaysBeforeTheClose() {
        // touches 14, 7 and 0 days before the close, half-life 7 (the default): weights 1/4, 1/2, 1 → 1/7, 2/7, 4/7
        // of 700.00 = 100.00 (google), 200.00 (newsletter), 400.00 ((direct))
        store.lead("L", "2026-06-01T10:00:00Z", "Organic Search", null, null, null)
                .touch("a", "L", "2026-06-06T12:00:00Z", "Organic Search", "google", null)
                .touch("b", "L", "2026-06-13T12:00:00Z", "Email", "newsletter", null)
                .touch("c", "L", "2026-06-20T12:00:00Z", "Direct", "(direct)", null)
                .wonDeal("D", "L", null, "700", "EUR", "2026-06-14T10:00:00Z", "2026-06-20T12:00:00Z");
        fxRates.rebuild();

        assertThat(credits(AttributionModel.TIME_DECAY, Dimension.SOURCE, LocalDate.of(2026, 6, 20))).containsExactly(
                "2026-06-20 | (direct) | 400.00 | 1", "2026-06-20 | google | 100.00 | 1",
                "2026-06-20 | newsletter | 200.00 | 1");
    }

    @Test
    void wShapedWithDistinctAndWithCoincidingMilestones() {
        // Deal A, 1 000.00, five touches (campaigns a1…a5) a day apart; lead created after a2, deal after a4:
        // first a1 30 %, lead creation a2 30 %, opportunity creation a4 30 %, a3 and a5 5 % each
        store.lead("LA", "2026-07-02T13:00:00Z", "Email", null, null, null);
        for (int i = 1; i <= 5; i++) {
            store.touch("ta" + i, "LA", "2026-07-0" + i + "T12:00:00Z", "Email", null, "a" + i);
        }
        store.wonDeal("A", "LA", null, "1000", "EUR", "2026-07-04T13:00:00Z", "2026-07-06T12:00:00Z");
        // Deal B, 1 000.00, three touches; the lead created at the first touch's instant (first = lead creation:
        // 30 + 30 = 60 %), the deal after the third (30 %), the second the only other (10 %)
        store.lead("LB", "2026-07-01T12:00:00Z", "Email", null, null, null)
                .touch("tb1", "LB", "2026-07-01T12:00:00Z", "Email", null, "b1")
                .touch("tb2", "LB", "2026-07-02T12:00:00Z", "Email", null, "b2")
                .touch("tb3", "LB", "2026-07-03T12:00:00Z", "Email", null, "b3")
                .wonDeal("B", "LB", null, "1000", "EUR", "2026-07-03T13:00:00Z", "2026-07-07T12:00:00Z");
        fxRates.rebuild();

        assertThat(credits(AttributionModel.W_SHAPED, Dimension.CAMPAIGN, LocalDate.of(2026, 7, 6))).containsExactly(
                "2026-07-06 | a1 | 300.00 | 1", "2026-07-06 | a2 | 300.00 | 1", "2026-07-06 | a3 | 50.00 | 1",
                "2026-07-06 | a4 | 300.00 | 1", "2026-07-06 | a5 | 50.00 | 1");
        assertThat(credits(AttributionModel.W_SHAPED, Dimension.CAMPAIGN, LocalDate.of(2026, 7, 7))).containsExactly(
                "2026-07-07 | b1 | 600.00 | 1", "2026-07-07 | b2 | 100.00 | 1", "2026-07-07 | b3 | 300.00 | 1");
    }

    @Test
    void aDealInUsdIsConvertedAtTheRateOfItsLocalCloseDay() throws Exception {
        // closed 2026-08-31 22:30 UTC = 1 September 00:30 in Berlin: the rate of 1 September, 0.92, applies
        // (not 31 August's 0.90): 1 000 USD × 0.92 = 920.00 EUR
        store.lead("L", "2026-08-01T10:00:00Z", "Referral", null, null, null)
                .touch("t", "L", "2026-08-02T10:00:00Z", "Referral", "partner", null)
                .wonDeal("D", "L", null, "1000", "USD", "2026-08-03T10:00:00Z", "2026-08-31T22:30:00Z")
                .fxRate("2026-08-31", "USD", "0.90")
                .fxRate("2026-09-01", "USD", "0.92");

        assertThat(attributionRows(get("/api/attribution?from=2026-09-01&to=2026-09-01&model=linear")))
                .containsExactly("linear | channel | Referral | 920.00 | 1");
        assertThat(attributionRows(get("/api/attribution?from=2026-08-31&to=2026-08-31"))).isEmpty();
    }

    @Test
    void aWonDealWithoutTouchesIsUnattributedAndATouchWithoutTheAttributeIsNull() throws Exception {
        // D1 500 with one Email touch from the newsletter; D2 300 whose lead has no touches; D3 200 without any
        // lead: 500 (unattributed); D4 100 whose one touch has no source: null by source
        store.lead("L1", "2026-10-01T10:00:00Z", "Email", null, null, null)
                .lead("L2", "2026-10-01T10:00:00Z", "Email", null, null, null)
                .lead("L4", "2026-10-01T10:00:00Z", "Direct", null, null, null)
                .touch("t", "L1", "2026-10-02T10:00:00Z", "Email", "newsletter", null)
                .touch("t4", "L4", "2026-10-02T10:00:00Z", "Direct", null, null)
                .wonDeal("D1", "L1", null, "500", "EUR", "2026-10-03T10:00:00Z", "2026-10-05T10:00:00Z")
                .wonDeal("D2", "L2", null, "300", "EUR", "2026-10-03T10:00:00Z", "2026-10-05T10:00:00Z")
                .wonDeal("D3", null, null, "200", "EUR", "2026-10-03T10:00:00Z", "2026-10-06T10:00:00Z")
                .wonDeal("D4", "L4", null, "100", "EUR", "2026-10-03T10:00:00Z", "2026-10-06T10:00:00Z");

        assertThat(attributionRows(get("/api/attribution?from=2026-10-01&to=2026-10-31&by=source")))
                .containsExactly("position_based | source | newsletter | 500.00 | 1",
                        "position_based | source | null | 100.00 | 1",
                        "position_based | source | (unattributed) | 500.00 | 2");
        // in the matrix, (unattributed) has no leads, no cost and no ROI; the null row holds the three
        // leads without a source and D4's credit
        assertThat(rows(get("/api/source-to-revenue?from=2026-10-01&to=2026-10-31&by=source"))).containsExactly(
                "newsletter | 0 | 0.00 | 500.00 | null",
                "null | 3 | 0.00 | 100.00 | null",
                "(unattributed) | 0 | 0.00 | 500.00 | null");
        // no breakdown: one row per close day with all of its revenue — 5 Oct 500 + 300, 6 Oct 200 + 100
        assertThat(credits(AttributionModel.POSITION_BASED, null, LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 6)))
                .containsExactly("2026-10-05 | null | 800.00 | 2", "2026-10-06 | null | 300.00 | 2");
    }

    @Test
    void onlyTheConfiguredDealTypesAreAttributedAndTheirNewCustomersSplitLikeRevenue() {
        // one lead with two touches (Paid Search, then Email), three deals won on its journey: new business
        // 1 000, a renewal 5 000 and an expansion 2 000; and a deal without type (new) of 400
        store.lead("L", "2026-09-01T10:00:00Z", "Paid Search", null, null, null)
                .touch("a", "L", "2026-09-02T10:00:00Z", "Paid Search", "google", "cmp-g")
                .touch("b", "L", "2026-09-03T10:00:00Z", "Email", "newsletter", null)
                .wonDeal("new", "L", null, "1000", "EUR", "2026-09-04T10:00:00Z", "2026-09-10T10:00:00Z")
                .wonDeal("renewal", "L", null, "5000", "EUR", "2026-09-04T10:00:00Z", "2026-09-10T10:00:00Z")
                .wonDeal("expansion", "L", null, "2000", "EUR", "2026-09-04T10:00:00Z", "2026-09-10T10:00:00Z")
                .wonDeal("untyped", "L", null, "400", "EUR", "2026-09-04T10:00:00Z", "2026-09-10T10:00:00Z")
                .dealType("new", "new").dealType("renewal", "renewal").dealType("expansion", "expansion");
        fxRates.rebuild();

        // revloop.attribution.deal-types [new]: the new deal and the untyped one, 1 400 split 50/50 (two touches);
        // the renewal and the expansion are not marketing's. Each new deal's customer splits 0.5 / 0.5 too.
        assertThat(attribution.credits(AttributionModel.POSITION_BASED, Dimension.CHANNEL, LocalDate.of(2026, 9, 10),
                LocalDate.of(2026, 9, 10)).stream().map(c -> c.dimensionValue() + " | " + c.revenue().toPlainString()
                + " | " + c.deals() + " | " + c.newCustomers().stripTrailingZeros().toPlainString()).toList())
                .containsExactly("Email | 700.00 | 2 | 1", "Paid Search | 700.00 | 2 | 1");
    }

    @Test
    void badRequestsNameTheValidValues() throws Exception {
        assertThat(error("/api/attribution?from=2026-01-01&to=2026-01-31&model=u_shaped")).isEqualTo(
                "model: 'u_shaped' is not an attribution model; use first_touch, last_touch, linear, position_based, "
                        + "time_decay, w_shaped");
        assertThat(error("/api/attribution?from=2026-01-01&to=2026-01-31&by=owner"))
                .isEqualTo("by: 'owner' is not a dimension revenue is attributed by; use channel, source or campaign");
        assertThat(error("/api/source-to-revenue?from=2026-01-01&to=2026-01-31&by=region"))
                .isEqualTo("by: 'region' is not a dimension revenue is attributed by; use channel, source or campaign");
        assertThat(error("/api/source-to-revenue?from=2026-02-01&to=2026-01-31"))
                .isEqualTo("from: '2026-02-01' is after to '2026-01-31'; use a day on or before to");
        assertThat(error("/api/attribution?from=2026-01-01&to=31.01.2026"))
                .isEqualTo("to: '31.01.2026' is not a date; use a date, YYYY-MM-DD");
    }

    private void leads(String prefix, int count, String channel) {
        for (int i = 1; i <= count; i++) {
            store.lead(prefix + "-" + String.format("%03d", i), "2026-03-02T10:00:00Z", channel, null, null, null);
        }
        store.flushLeads();
    }

    private List<String> credits(AttributionModel model, Dimension by, LocalDate day) {
        return credits(model, by, day, day);
    }

    private List<String> credits(AttributionModel model, Dimension by, LocalDate from, LocalDate to) {
        return attribution.credits(model, by, from, to).stream()
                .map(c -> c.closeDay() + " | " + c.dimensionValue() + " | " + c.revenue().toPlainString() + " | " + c.deals())
                .toList();
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private String error(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        return JSON.readTree(response.getBody()).get("error").asText();
    }

    private static List<String> rows(JsonNode matrix) {
        List<String> rows = new ArrayList<>();
        matrix.forEach(row -> rows.add(row.get("dimensionValue").asText() + " | " + row.get("leads").asLong() + " | "
                + decimal(row.get("cost")) + " | " + decimal(row.get("revenue")) + " | " + decimal(row.get("roi"))));
        return rows;
    }

    private static List<String> attributionRows(JsonNode attributed) {
        List<String> rows = new ArrayList<>();
        attributed.forEach(row -> rows.add(row.get("model").asText() + " | " + row.get("dimension").asText() + " | "
                + row.get("dimensionValue").asText() + " | " + decimal(row.get("revenue")) + " | " + row.get("deals").asLong()));
        return rows;
    }

    private static String decimal(JsonNode number) {
        return number.isNull() ? "null" : number.decimalValue().toPlainString();
    }
}
