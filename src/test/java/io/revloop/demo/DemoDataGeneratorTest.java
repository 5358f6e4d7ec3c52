package io.revloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates a small demo data set once and checks it from the written files, as the importer would see them. */
class DemoDataGeneratorTest {

    private static final LocalDate END_DATE = LocalDate.of(2026, 3, 31);
    private static final Instant END = END_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(); // exclusive
    private static final Instant START = END_DATE.minusDays(364).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final DemoSettings SETTINGS = new DemoSettings(42L, 2000, END_DATE, "EUR", "USD");

    /** The import format: file → header, in contract order. */
    private static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("accounts.csv", "id,name,domain,industry,employees,annual_revenue");
        HEADERS.put("leads.csv", "id,email,company,title,country,channel,source,campaign_id,owner,score,created_at,"
            + "mql_at,sql_at,opportunity_at,customer_at,disqualified_at,first_response_at,account_id");
        HEADERS.put("deals.csv", "id,name,account_id,lead_id,owner,type,amount,currency,stage,created_at,"
            + "expected_close_date,closed_at,is_won");
        HEADERS.put("deal_stages.csv", "deal_id,stage,entered_at");
        HEADERS.put("touchpoints.csv", "id,lead_id,occurred_at,channel,source,medium,campaign_id,type");
        HEADERS.put("campaigns.csv", "id,name,channel,platform");
        HEADERS.put("ad_spend.csv", "date,platform,campaign_id,channel,impressions,clicks,cost,currency,conversions");
        HEADERS.put("web_traffic.csv", "date,channel,sessions,engaged_sessions,page_views,total_duration_seconds");
        HEADERS.put("activities.csv", "id,lead_id,occurred_at,type");
        HEADERS.put("mrr.csv", "account_id,month,mrr,currency");
        HEADERS.put("costs.csv", "month,category,channel,amount,currency");
        HEADERS.put("quotas.csv", "owner,period_start,period_end,amount,currency");
        HEADERS.put("fx_rates.csv", "date,currency,rate");
        HEADERS.put("surveys.csv", "account_id,responded_at,type,score");
    }

    private static final Set<String> CHANNELS = Set.of(
        "Direct", "Organic Search", "Paid Search", "Paid Social", "Referral", "Email", "Events", "Other");
    private static final Set<String> TOUCH_TYPES = Set.of("ad_click", "form", "webinar", "email_click", "page_view",
        "content_download", "pricing_page", "demo_request", "meeting", "email_reply");
    private static final Set<String> OPEN_STAGES = Set.of("qualification", "discovery", "proposal", "negotiation");
    private static final Set<String> PLATFORMS = Set.of("google_ads", "linkedin_ads", "meta_ads", "email", "events");
    private static final Set<String> CURRENCIES = Set.of("EUR", "USD");
    private static final String MONEY = "\\d+\\.\\d{2}";

    @TempDir
    static Path tmp;

    private static Path dir;
    private static DemoSummary summary;
    private static Map<String, List<CSVRecord>> data;

    @BeforeAll
    static void generate() throws IOException {
        dir = tmp.resolve("demo");
        Files.createDirectories(dir);
        summary = new DemoDataGenerator(SETTINGS).writeTo(dir);
        data = new HashMap<>();
        for (String file : HEADERS.keySet()) {
            data.put(file, read(dir.resolve(file)));
        }
    }

    @Test
    void writesEveryFileWithItsExactHeader() throws IOException {
        assertThat(summary.rowsPerFile().keySet()).containsExactlyElementsOf(HEADERS.keySet());
        for (Map.Entry<String, String> e : HEADERS.entrySet()) {
            Path file = dir.resolve(e.getKey());
            assertThat(file).exists();
            String firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
            assertThat(firstLine).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(rows(e.getKey())).as(e.getKey()).hasSize(summary.rowsPerFile().get(e.getKey()).intValue());
            assertThat(rows(e.getKey())).as(e.getKey()).isNotEmpty();
        }
        assertThat(summary.totalRows()).isEqualTo(summary.rowsPerFile().values().stream().mapToLong(Long::longValue).sum());
        assertThat(rows("leads.csv")).hasSize(2000);
    }

    @Test
    void sameSettingsGiveByteIdenticalFilesAndAnotherSeedDiffers() throws IOException {
        Path again = Files.createDirectories(tmp.resolve("again"));
        Path other = Files.createDirectories(tmp.resolve("other"));
        new DemoDataGenerator(SETTINGS).writeTo(again);
        new DemoDataGenerator(new DemoSettings(43L, 2000, END_DATE, "EUR", "USD")).writeTo(other);
        for (String file : HEADERS.keySet()) {
            assertThat(Files.mismatch(dir.resolve(file), again.resolve(file))).as(file).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(dir.resolve("leads.csv"), other.resolve("leads.csv"))).isNotEqualTo(-1L);
        assertThat(Files.mismatch(dir.resolve("ad_spend.csv"), other.resolve("ad_spend.csv"))).isNotEqualTo(-1L);
    }

    @Test
    void idsAreUniqueAndReferencesResolve() {
        Set<String> accounts = uniqueIds("accounts.csv");
        Set<String> leads = uniqueIds("leads.csv");
        Set<String> deals = uniqueIds("deals.csv");
        Set<String> campaigns = uniqueIds("campaigns.csv");
        uniqueIds("touchpoints.csv");
        uniqueIds("activities.csv");

        for (CSVRecord r : rows("leads.csv")) {
            assertThat(accounts).contains(r.get("account_id"));
            assertOptionalRef(campaigns, r.get("campaign_id"));
        }
        for (CSVRecord r : rows("deals.csv")) {
            assertThat(accounts).contains(r.get("account_id"));
            assertOptionalRef(leads, r.get("lead_id"));
        }
        for (CSVRecord r : rows("deal_stages.csv")) {
            assertThat(deals).contains(r.get("deal_id"));
        }
        for (CSVRecord r : rows("touchpoints.csv")) {
            assertThat(leads).contains(r.get("lead_id"));
            assertOptionalRef(campaigns, r.get("campaign_id"));
        }
        for (CSVRecord r : rows("activities.csv")) {
            assertThat(leads).contains(r.get("lead_id"));
        }
        for (CSVRecord r : rows("ad_spend.csv")) {
            assertThat(campaigns).contains(r.get("campaign_id"));
        }
        for (String file : List.of("mrr.csv", "surveys.csv")) {
            for (CSVRecord r : rows(file)) {
                assertThat(accounts).contains(r.get("account_id"));
            }
        }
        assertUniqueKey("ad_spend.csv", "date", "platform", "campaign_id");
        assertUniqueKey("web_traffic.csv", "date", "channel");
        assertUniqueKey("mrr.csv", "account_id", "month");
        assertUniqueKey("costs.csv", "month", "category", "channel");
        assertUniqueKey("quotas.csv", "owner", "period_start");
        assertUniqueKey("surveys.csv", "account_id", "responded_at", "type");
        assertUniqueKey("deal_stages.csv", "deal_id", "stage", "entered_at");
        assertUniqueKey("fx_rates.csv", "date", "currency");
    }

    @Test
    void everyValueIsAllowed() {
        for (CSVRecord r : rows("campaigns.csv")) {
            assertThat(CHANNELS).contains(r.get("channel"));
            assertThat(PLATFORMS).contains(r.get("platform"));
            assertThat(r.get("id")).matches("cmp-\\d{3}");
        }
        assertThat(rows("campaigns.csv")).hasSizeBetween(20, 40);
        Set<String> emails = new HashSet<>();
        for (CSVRecord r : rows("leads.csv")) {
            assertThat(CHANNELS).contains(r.get("channel"));
            assertThat(Integer.parseInt(r.get("score"))).isBetween(0, 100);
            String email = r.get("email");
            assertThat(email).isEqualTo(email.toLowerCase()).matches("[a-z.]+\\.\\d{6,}@[a-z0-9.-]+");
            assertThat(emails.add(email)).as("unique email %s", email).isTrue();
            assertThat(r.get("company")).isNotEmpty();
            assertThat(r.get("owner")).matches("[a-z]+\\.[a-z]+");
        }
        for (CSVRecord r : rows("touchpoints.csv")) {
            assertThat(CHANNELS).contains(r.get("channel"));
            assertThat(TOUCH_TYPES).contains(r.get("type"));
        }
        for (CSVRecord r : rows("activities.csv")) {
            assertThat(r.get("type")).isIn("call", "email", "meeting");
        }
        for (CSVRecord r : rows("deals.csv")) {
            assertThat(r.get("type")).isIn("new", "expansion", "renewal");
            assertThat(CURRENCIES).contains(r.get("currency"));
            assertThat(r.get("amount")).matches(MONEY);
            assertThat(new BigDecimal(r.get("amount"))).isPositive();
            boolean open = r.get("closed_at").isEmpty();
            if (open) {
                assertThat(r.get("is_won")).isEmpty();
                assertThat(OPEN_STAGES).contains(r.get("stage"));
            } else {
                assertThat(r.get("is_won")).isIn("true", "false");
                assertThat(r.get("stage")).isEqualTo(r.get("is_won").equals("true") ? "closed_won" : "closed_lost");
            }
        }
        for (CSVRecord r : rows("ad_spend.csv")) {
            assertThat(CHANNELS).contains(r.get("channel"));
            assertThat(r.get("platform")).isIn("google_ads", "linkedin_ads", "meta_ads");
            assertThat(r.get("currency")).isEqualTo(r.get("platform").equals("google_ads") ? "USD" : "EUR");
            assertThat(r.get("cost")).matches(MONEY);
            long impressions = Long.parseLong(r.get("impressions"));
            long clicks = Long.parseLong(r.get("clicks"));
            long conversions = Long.parseLong(r.get("conversions"));
            assertThat(impressions).isGreaterThan(clicks);
            assertThat(clicks).isGreaterThanOrEqualTo(conversions);
            assertThat(conversions).isNotNegative();
        }
        for (CSVRecord r : rows("web_traffic.csv")) {
            assertThat(CHANNELS).contains(r.get("channel"));
            long sessions = Long.parseLong(r.get("sessions"));
            assertThat(sessions).isPositive();
            assertThat(Long.parseLong(r.get("engaged_sessions"))).isBetween(0L, sessions);
            assertThat(Long.parseLong(r.get("page_views"))).isGreaterThanOrEqualTo(sessions);
        }
        for (CSVRecord r : rows("costs.csv")) {
            assertThat(r.get("category")).isIn("marketing", "sales", "other");
            if (!r.get("channel").isEmpty()) {
                assertThat(CHANNELS).contains(r.get("channel"));
            }
            assertThat(r.get("amount")).matches(MONEY);
            assertThat(CURRENCIES).contains(r.get("currency"));
        }
        for (CSVRecord r : rows("surveys.csv")) {
            int score = Integer.parseInt(r.get("score"));
            assertThat(r.get("type")).isIn("nps", "csat");
            assertThat(score).isBetween(r.get("type").equals("nps") ? 0 : 1, r.get("type").equals("nps") ? 10 : 5);
        }
        for (CSVRecord r : rows("mrr.csv")) {
            assertThat(r.get("mrr")).matches(MONEY);
            assertThat(CURRENCIES).contains(r.get("currency"));
        }
        for (CSVRecord r : rows("quotas.csv")) {
            LocalDate start = LocalDate.parse(r.get("period_start"));
            assertThat(start.getDayOfMonth()).isEqualTo(1);
            assertThat((start.getMonthValue() - 1) % 3).isZero();
            assertThat(LocalDate.parse(r.get("period_end"))).isEqualTo(start.plusMonths(3).minusDays(1));
            assertThat(r.get("amount")).matches(MONEY);
        }
        assertThat(rows("fx_rates.csv")).hasSize(365);
        for (CSVRecord r : rows("fx_rates.csv")) {
            assertThat(r.get("currency")).isEqualTo("USD");
            assertThat(r.get("rate")).matches("\\d\\.\\d{6}");
            assertThat(Double.parseDouble(r.get("rate"))).isBetween(0.85, 0.99);
        }
    }

    @Test
    void leadsDealsAndStagesAreConsistent() {
        Map<String, List<CSVRecord>> newDealsByLead = new HashMap<>();
        for (CSVRecord d : rows("deals.csv")) {
            if (d.get("type").equals("new")) {
                assertThat(d.get("lead_id")).isNotEmpty();
                newDealsByLead.computeIfAbsent(d.get("lead_id"), k -> new ArrayList<>()).add(d);
            }
        }
        Map<String, Instant> firstActivity = new HashMap<>();
        for (CSVRecord a : rows("activities.csv")) {
            firstActivity.merge(a.get("lead_id"), Instant.parse(a.get("occurred_at")),
                (x, y) -> x.isBefore(y) ? x : y);
        }
        Map<String, List<CSVRecord>> touchesByLead = group("touchpoints.csv", "lead_id");
        long emailed = 0;
        long replied = 0;
        for (CSVRecord l : rows("leads.csv")) {
            String id = l.get("id");
            Instant previous = Instant.parse(l.get("created_at"));
            boolean gap = false;
            for (String stage : List.of("mql_at", "sql_at", "opportunity_at", "customer_at")) {
                if (l.get(stage).isEmpty()) {
                    gap = true;
                    continue;
                }
                assertThat(gap).as("%s reaches %s without the stage before", id, stage).isFalse();
                Instant at = Instant.parse(l.get(stage));
                assertThat(at).as("%s %s", id, stage).isAfterOrEqualTo(previous);
                previous = at;
            }
            if (!l.get("disqualified_at").isEmpty()) {
                assertThat(l.get("customer_at")).isEmpty();
            }
            List<CSVRecord> deals = newDealsByLead.getOrDefault(id, List.of());
            if (l.get("opportunity_at").isEmpty()) {
                assertThat(deals).as(id).isEmpty();
            } else {
                assertThat(deals).as(id).hasSize(1);
                CSVRecord deal = deals.get(0);
                assertThat(deal.get("created_at")).isEqualTo(l.get("opportunity_at"));
                assertThat(deal.get("account_id")).isEqualTo(l.get("account_id"));
                assertThat(l.get("customer_at")).isEqualTo(deal.get("is_won").equals("true") ? deal.get("closed_at") : "");
            }
            Instant first = firstActivity.get(id);
            assertThat(l.get("first_response_at")).isEqualTo(first == null ? "" : first.toString());
            List<CSVRecord> touches = touchesByLead.getOrDefault(id, List.of());
            assertThat(touches).as(id).hasSizeBetween(1, 13);
            CSVRecord firstTouch = touches.get(0);
            assertThat(firstTouch.get("channel")).isEqualTo(l.get("channel"));
            assertThat(firstTouch.get("campaign_id")).isEqualTo(l.get("campaign_id"));
            assertThat(touches).anySatisfy(t -> {
                assertThat(t.get("type")).isEqualTo("form");
                assertThat(t.get("occurred_at")).isEqualTo(l.get("created_at"));
            });
            assertChronological(touches, "occurred_at");
            if (touches.stream().anyMatch(t -> t.get("type").startsWith("email_"))) {
                emailed++;
                Optional<CSVRecord> reply = touches.stream().filter(t -> t.get("type").equals("email_reply")).findFirst();
                if (reply.isPresent()) {
                    replied++;
                    assertThat(touches.subList(0, touches.indexOf(reply.get())))
                        .as("%s replies to an email it clicked", id).anySatisfy(t -> {
                            assertThat(t.get("type")).isEqualTo("email_click");
                            assertThat(t.get("campaign_id")).isEqualTo(reply.get().get("campaign_id"));
                        });
                }
            }
        }
        // the catalogue's benchmark for email_response_rate: 15–25 % of the leads that got email reply
        assertThat(replied / (double) emailed).isBetween(0.15, 0.25);

        Map<String, List<CSVRecord>> stagesByDeal = group("deal_stages.csv", "deal_id");
        for (CSVRecord d : rows("deals.csv")) {
            List<CSVRecord> stages = stagesByDeal.get(d.get("id"));
            assertThat(stages).as(d.get("id")).isNotEmpty();
            assertThat(stages.get(0).get("entered_at")).isEqualTo(d.get("created_at"));
            CSVRecord last = stages.get(stages.size() - 1);
            assertThat(last.get("stage")).isEqualTo(d.get("stage"));
            if (!d.get("closed_at").isEmpty()) {
                assertThat(last.get("entered_at")).isEqualTo(d.get("closed_at"));
            }
            assertChronological(stages, "entered_at");
        }
    }

    @Test
    void nothingHappensAfterTheEndDate() {
        // Every event timestamp, date and month; only forecasts may lie ahead: quotas.period_end (last day of the
        // running quarter) and the expected_close_date of deals that are still open.
        Map<String, List<String>> timestamps = Map.of(
            "leads.csv", List.of("created_at", "mql_at", "sql_at", "opportunity_at", "customer_at", "disqualified_at",
                "first_response_at"),
            "deals.csv", List.of("created_at", "closed_at"),
            "deal_stages.csv", List.of("entered_at"),
            "touchpoints.csv", List.of("occurred_at"),
            "activities.csv", List.of("occurred_at"),
            "surveys.csv", List.of("responded_at"));
        timestamps.forEach((file, columns) -> {
            for (CSVRecord r : rows(file)) {
                for (String column : columns) {
                    if (!r.get(column).isEmpty()) {
                        Instant at = Instant.parse(r.get(column));
                        assertThat(at).as("%s %s", file, column).isBefore(END).isAfterOrEqualTo(START);
                        assertThat(r.get(column)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
                    }
                }
            }
        });
        Map<String, String> dates = Map.of("ad_spend.csv", "date", "web_traffic.csv", "date", "fx_rates.csv", "date",
            "quotas.csv", "period_start");
        dates.forEach((file, column) -> {
            for (CSVRecord r : rows(file)) {
                assertThat(LocalDate.parse(r.get(column))).as("%s %s", file, column).isBeforeOrEqualTo(END_DATE);
            }
        });
        for (CSVRecord d : rows("deals.csv")) {
            if (!d.get("closed_at").isEmpty()) {
                assertThat(LocalDate.parse(d.get("expected_close_date"))).isBeforeOrEqualTo(END_DATE);
            }
        }
        for (String file : List.of("mrr.csv", "costs.csv")) {
            for (CSVRecord r : rows(file)) {
                assertThat(YearMonth.parse(r.get("month"))).isBeforeOrEqualTo(YearMonth.from(END_DATE));
            }
        }
    }

    @Test
    void funnelRatesAreInsideTheBenchmarkBands() {
        // Mature cohort: leads created at least 120 days before the end have had time to run through the funnel.
        Instant matureBefore = END.minus(Duration.ofDays(120));
        long leads = 0;
        long mql = 0;
        long sql = 0;
        long opp = 0;
        Set<String> matureLeads = new HashSet<>();
        for (CSVRecord l : rows("leads.csv")) {
            if (Instant.parse(l.get("created_at")).isBefore(matureBefore)) {
                leads++;
                matureLeads.add(l.get("id"));
                mql += l.get("mql_at").isEmpty() ? 0 : 1;
                sql += l.get("sql_at").isEmpty() ? 0 : 1;
                opp += l.get("opportunity_at").isEmpty() ? 0 : 1;
            }
        }
        long won = 0;
        long closed = 0;
        long allWon = 0;
        long allClosed = 0;
        for (CSVRecord d : rows("deals.csv")) {
            if (d.get("type").equals("new") && !d.get("closed_at").isEmpty()) {
                allClosed++;
                allWon += d.get("is_won").equals("true") ? 1 : 0;
                if (matureLeads.contains(d.get("lead_id"))) {
                    closed++;
                    won += d.get("is_won").equals("true") ? 1 : 0;
                }
            }
        }
        double leadToMql = mql / (double) leads;
        double mqlToSql = sql / (double) mql;
        double sqlToOpp = opp / (double) sql;
        double winRate = won / (double) closed;
        System.out.printf("cohort of %d leads: lead→MQL %.4f, MQL→SQL %.4f, SQL→opp %.4f, win rate %.4f "
            + "(all closed new deals: %.4f of %d)%n", leads, leadToMql, mqlToSql, sqlToOpp, winRate,
            allWon / (double) allClosed, allClosed);
        assertThat(leadToMql).isBetween(0.30, 0.35);
        assertThat(mqlToSql).isBetween(0.25, 0.28);
        assertThat(sqlToOpp).isBetween(0.50, 0.55);
        assertThat(winRate).isBetween(0.22, 0.28);
        assertThat(allWon / (double) allClosed).isBetween(0.20, 0.32);
    }

    @Test
    void marketingRatesAreInsideTheBenchmarkBands() {
        long leads = rows("leads.csv").size();
        long sessions = rows("web_traffic.csv").stream().mapToLong(r -> Long.parseLong(r.get("sessions"))).sum();
        Map<String, BigDecimal> fx = new HashMap<>();
        for (CSVRecord r : rows("fx_rates.csv")) {
            fx.put(r.get("date"), new BigDecimal(r.get("rate")));
        }
        BigDecimal marketing = BigDecimal.ZERO;
        for (CSVRecord r : rows("ad_spend.csv")) {
            BigDecimal cost = new BigDecimal(r.get("cost"));
            marketing = marketing.add(r.get("currency").equals("USD") ? cost.multiply(fx.get(r.get("date"))) : cost);
        }
        for (CSVRecord r : rows("costs.csv")) {
            if (r.get("category").equals("marketing")) {
                assertThat(r.get("currency")).isEqualTo("EUR");
                marketing = marketing.add(new BigDecimal(r.get("amount")));
            }
        }
        double leadsPerSession = leads / (double) sessions;
        double cpl = marketing.doubleValue() / leads;
        System.out.printf("new leads ÷ sessions %.4f, CPL %.2f EUR%n", leadsPerSession, cpl);
        assertThat(leadsPerSession).isBetween(0.02, 0.05);
        assertThat(cpl).isBetween(60.0, 120.0);

        long engaged = rows("web_traffic.csv").stream().mapToLong(r -> Long.parseLong(r.get("engaged_sessions"))).sum();
        long pageViews = rows("web_traffic.csv").stream().mapToLong(r -> Long.parseLong(r.get("page_views"))).sum();
        long seconds = rows("web_traffic.csv").stream()
            .mapToLong(r -> Long.parseLong(r.get("total_duration_seconds"))).sum();
        assertThat(engaged / (double) sessions).isBetween(0.55, 0.70);
        assertThat(pageViews / (double) sessions).isBetween(2.0, 4.0);
        assertThat(seconds / (double) sessions).isBetween(60.0, 180.0);
    }

    @Test
    void journeysLookLikeABusiness() {
        // Touchpoints per lead, speed to lead, time to customer, lead growth, currency mix, churn and NRR.
        double touchesPerLead = rows("touchpoints.csv").size() / (double) rows("leads.csv").size();
        List<Long> responseSeconds = new ArrayList<>();
        List<Long> mqlResponseSeconds = new ArrayList<>();
        double daysToCustomer = 0;
        int customers = 0;
        Map<String, Instant> firstTouch = new HashMap<>();
        for (CSVRecord t : rows("touchpoints.csv")) {
            firstTouch.putIfAbsent(t.get("lead_id"), Instant.parse(t.get("occurred_at")));
        }
        TreeMap<YearMonth, Integer> leadsPerMonth = new TreeMap<>();
        for (CSVRecord l : rows("leads.csv")) {
            Instant created = Instant.parse(l.get("created_at"));
            leadsPerMonth.merge(YearMonth.from(created.atZone(ZoneOffset.UTC)), 1, Integer::sum);
            if (!l.get("first_response_at").isEmpty()) {
                long seconds = Duration.between(created, Instant.parse(l.get("first_response_at"))).getSeconds();
                responseSeconds.add(seconds);
                if (!l.get("mql_at").isEmpty()) {
                    mqlResponseSeconds.add(seconds);
                }
            }
            if (!l.get("customer_at").isEmpty()) {
                customers++;
                daysToCustomer += Duration.between(firstTouch.get(l.get("id")), Instant.parse(l.get("customer_at")))
                    .toHours() / 24.0;
            }
        }
        responseSeconds.sort(Long::compare);
        mqlResponseSeconds.sort(Long::compare);
        double medianResponseMinutes = responseSeconds.get(responseSeconds.size() / 2) / 60.0;
        double mqlMedianResponseMinutes = mqlResponseSeconds.get(mqlResponseSeconds.size() / 2) / 60.0;
        double slowShare = responseSeconds.stream().filter(sec -> sec >= 3600).count() / (double) responseSeconds.size();
        double weeksToCustomer = daysToCustomer / customers / 7;
        long usdDeals = rows("deals.csv").stream().filter(d -> d.get("currency").equals("USD")).count();
        double usdShare = usdDeals / (double) rows("deals.csv").size();
        // Net revenue retention: MRR of the first month's customers (the installed base) in the last month.
        Map<String, Map<YearMonth, BigDecimal>> mrr = new HashMap<>();
        for (CSVRecord r : rows("mrr.csv")) {
            mrr.computeIfAbsent(r.get("account_id"), k -> new HashMap<>())
                .put(YearMonth.parse(r.get("month")), new BigDecimal(r.get("mrr")));
        }
        YearMonth from = YearMonth.from(START.atZone(ZoneOffset.UTC));
        BigDecimal start = BigDecimal.ZERO;
        BigDecimal after = BigDecimal.ZERO;
        int cohort = 0;
        int churned = 0;
        for (Map<YearMonth, BigDecimal> months : mrr.values()) {
            if (months.containsKey(from)) {
                cohort++;
                start = start.add(months.get(from));
                BigDecimal later = months.get(YearMonth.from(END_DATE));
                after = after.add(later == null ? BigDecimal.ZERO : later);
                churned += later == null ? 1 : 0;
            }
        }
        double nrr = after.doubleValue() / start.doubleValue();
        System.out.printf("touchpoints/lead %.2f, median first response %.1f min (MQLs %.1f min, %.1f %% take an hour "
                + "or more), first touch→customer %.1f weeks (%d customers), USD deals %.1f %%, NRR %s→%s %.3f "
                + "(%d accounts, %d churned), leads per month %s%n",
            touchesPerLead, medianResponseMinutes, mqlMedianResponseMinutes, slowShare * 100, weeksToCustomer,
            customers, usdShare * 100, from, YearMonth.from(END_DATE), nrr, cohort, churned, leadsPerMonth.values());
        assertThat(touchesPerLead).isGreaterThanOrEqualTo(5.0);
        assertThat(medianResponseMinutes).isBetween(3.0, 4.0);
        assertThat(mqlMedianResponseMinutes).isBetween(3.0, 4.5);
        assertThat(slowShare).isBetween(0.03, 0.25);
        assertThat(weeksToCustomer).isBetween(4.0, 6.0);
        assertThat(usdShare).isBetween(0.12, 0.30);
        assertThat(nrr).isBetween(0.95, 1.35); // a few dozen accounts at this size: the band is wide
        // Volume grows: the last full month has clearly more leads than the first full month.
        List<Integer> monthly = new ArrayList<>(leadsPerMonth.values());
        assertThat(monthly.get(monthly.size() - 2)).isGreaterThan((int) (monthly.get(1) * 1.6));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static List<CSVRecord> rows(String file) {
        return data.get(file);
    }

    private static Set<String> uniqueIds(String file) {
        Set<String> ids = new HashSet<>();
        for (CSVRecord r : rows(file)) {
            assertThat(ids.add(r.get("id"))).as("%s id %s unique", file, r.get("id")).isTrue();
        }
        return ids;
    }

    private static void assertOptionalRef(Set<String> ids, String value) {
        if (!value.isEmpty()) {
            assertThat(ids).contains(value);
        }
    }

    private static void assertUniqueKey(String file, String... columns) {
        Set<List<String>> keys = new HashSet<>();
        for (CSVRecord r : rows(file)) {
            List<String> key = new ArrayList<>();
            for (String column : columns) {
                key.add(r.get(column));
            }
            assertThat(keys.add(key)).as("%s key %s unique", file, key).isTrue();
        }
    }

    private static Map<String, List<CSVRecord>> group(String file, String column) {
        Map<String, List<CSVRecord>> groups = new HashMap<>();
        Function<String, List<CSVRecord>> newList = k -> new ArrayList<>();
        for (CSVRecord r : rows(file)) {
            groups.computeIfAbsent(r.get(column), newList).add(r);
        }
        return groups;
    }

    private static void assertChronological(List<CSVRecord> records, String column) {
        Instant before = Instant.MIN;
        for (CSVRecord record : records) {
            Instant at = Instant.parse(record.get(column));
            assertThat(at).isAfterOrEqualTo(before);
            before = at;
        }
    }
}
