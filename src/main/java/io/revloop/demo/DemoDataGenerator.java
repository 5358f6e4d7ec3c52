package io.revloop.demo;

import static io.revloop.demo.DemoCatalog.*;

import io.revloop.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes a realistic, deterministic B2B funnel demo data set in the CSV import format: 365 days ending at
 * {@link DemoSettings#endDate()}, with {@link DemoSettings#leads()} leads and everything that hangs off them
 * (accounts, touchpoints, sales activities, deals and their stage history, MRR, surveys) plus the marketing side
 * (campaigns, ad spend, web traffic, costs), sales quotas and daily fx rates.
 *
 * <p>Same settings give byte-identical files: every random number comes from {@link SplittableRandom} streams
 * seeded from {@link DemoSettings#seed()}, rows are written in a fixed order and no clock is read.
 *
 * <p>Streams: leads are generated day by day in creation order and written as they are made, together with their
 * touchpoints, activities, deal and deal stages (all printers of that pass are open at once). Only per-account
 * state (primitive arrays, accounts ≈ leads / 5) and per-day / per-campaign counters are kept, so a million leads
 * run in a small heap. Rows are formatted by Commons CSV on one background thread ({@link RowPump}) while the next
 * ones are generated.
 *
 * <p>Nothing happens after the end of {@code endDate} (UTC): events that would fall later are simply not written
 * (a lead stays at its stage, a deal stays open). Only forward-looking fields may lie ahead: the
 * {@code expected_close_date} of a deal that is still open and the {@code period_end} of the running quarter's quota.
 *
 * <p>Funnel rates come from {@link DemoCatalog}: lead→MQL 32.5 %, MQL→SQL 26.5 %, SQL→opportunity 52.5 %, win rate
 * 25 % (new business). Stage decisions are Bernoulli draws nudged towards their running expectation, so the rates
 * hold within a few leads of the target at any size and for any prefix (cohort) of the leads, while the individual
 * outcomes stay random. Customers from before the period (an installed base with MRR and renewals) give MRR,
 * net revenue retention and renewals something to work with from the first month.
 */
public final class DemoDataGenerator {

    /** The 14 files of the import format and their headers, in contract order. */
    static final String[][] FILES = {
        {"accounts.csv", "id,name,domain,industry,employees,annual_revenue"},
        {"leads.csv", "id,email,company,title,country,channel,source,campaign_id,owner,score,created_at,mql_at,sql_at,"
            + "opportunity_at,customer_at,disqualified_at,first_response_at,account_id"},
        {"deals.csv", "id,name,account_id,lead_id,owner,type,amount,currency,stage,created_at,expected_close_date,"
            + "closed_at,is_won"},
        {"deal_stages.csv", "deal_id,stage,entered_at"},
        {"touchpoints.csv", "id,lead_id,occurred_at,channel,source,medium,campaign_id,type"},
        {"campaigns.csv", "id,name,channel,platform"},
        {"ad_spend.csv", "date,platform,campaign_id,channel,impressions,clicks,cost,currency,conversions"},
        {"web_traffic.csv", "date,channel,sessions,engaged_sessions,page_views,total_duration_seconds"},
        {"activities.csv", "id,lead_id,occurred_at,type"},
        {"mrr.csv", "account_id,month,mrr,currency"},
        {"costs.csv", "month,category,channel,amount,currency"},
        {"quotas.csv", "owner,period_start,period_end,amount,currency"},
        {"fx_rates.csv", "date,currency,rate"},
        {"surveys.csv", "account_id,responded_at,type,score"},
    };

    private final DemoSettings settings;

    public DemoDataGenerator(DemoSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Writes all 14 files into dir (which exists), overwriting; returns row counts per file name. */
    public DemoSummary writeTo(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        PrivateFiles.createDirectories(dir);
        return new Run(settings, dir).run();
    }

    // =====================================================================================================
    // One generation run: all state of a run, so that writeTo can be called any number of times.
    // =====================================================================================================

    private static final class Run {

        private static final long DAY = 86_400L;
        private static final long HOUR = 3_600L;
        private static final int DAYS = 365;
        private static final long NONE = Long.MIN_VALUE;

        // Salts of the independent random streams: changing how one part draws numbers leaves the others alone.
        private static final long SALT_CALENDAR = 1;
        private static final long SALT_FX = 2;
        private static final long SALT_ACCOUNTS = 3;
        private static final long SALT_ACCOUNT_ROWS = 4;
        private static final long SALT_LEADS = 5;
        private static final long SALT_CUSTOMERS = 6;
        private static final long SALT_ADS = 7;
        private static final long SALT_TRAFFIC = 8;
        private static final long SALT_COSTS = 9;
        private static final long SALT_QUOTAS = 10;
        /** Replies to email, drawn apart from the leads' stream: adding them changed no other value (touch ids after a reply move on by one). */
        private static final long SALT_REPLIES = 11;
        /** Of the leads that clicked an email, the share that replies (the catalogue's benchmark: 15–25 %). */
        private static final double REPLY_RATE = 0.2;

        private final DemoSettings s;
        private final Path dir;
        private final int leadCount;
        private final String base;
        private final String second;

        // ---- calendar
        private final LocalDate startDate;
        private final long startSec;
        private final long endSec;
        private final String[] dayStr = new String[DAYS];
        private final int[] dayMonth = new int[DAYS];
        private final int[] dayQuarter = new int[DAYS];
        private final int[] dayMonthOfYear = new int[DAYS];
        private final String[] monthLabel;
        private final long[] monthFirstSec;
        private final long[] monthLastSec;
        private final LocalDate[] quarterStart;
        private final double[] expLeads = new double[DAYS];
        private final int[] leadsPerDay = new int[DAYS];
        private final long[] fxMicros = new long[DAYS];

        // ---- distributions
        private final double[] leadMixCum = cum(LEAD_MIX);
        private final double[] nurtureCum = cum(NURTURE_MIX);
        private final double[] countryCum = cum(COUNTRY_MIX);
        private final double[] industryCum = cum(INDUSTRY_MIX);
        private final double[] titleCum = cum(TITLE_MIX);
        private final double[] hourCum = cum(HOUR_WEIGHT);
        private final double[] pMql = new double[CHANNELS.length];
        private final double[] pWin = new double[CHANNELS.length];
        private final double[] campaignWeight = new double[CAMPAIGNS.length];
        private final double[] campaignShare = new double[CAMPAIGNS.length];
        private final int[][] campaignChoice = new int[CHANNELS.length * 13 * 2][];
        private final double[][] campaignChoiceCum = new double[CHANNELS.length * 13 * 2][];

        // ---- accounts
        private final int accountCount;
        private final int legacyCount;
        private final int nameStep;
        private final byte[] accCountry;
        private final byte[] accIndustry;
        private final byte[] accOwner;
        private final int[] accEmployees;
        /** Close time of the account's first won new deal (0 = none) and the MRR it brought, in deal currency cents. */
        private final long[] custSec;
        private final long[] custMrr;
        /** Further won new deals of the account: MRR added from month {@code extraMonth}. */
        private final long[] extraMrr;
        private final int[] extraMonth;

        // ---- counters
        private final int[][] campaignLeads = new int[CAMPAIGNS.length][DAYS];
        private final long[][] bookings;
        private final Map<String, Long> rows = new HashMap<>();
        private RowPump pump;
        private long dealNo;
        private long touchNo;
        private long activityNo;
        private SplittableRandom replies;

        // ---- scratch buffers (one lead / deal at a time)
        private final long[] tpTime = new long[16];
        private final int[] tpChannel = new int[16];
        private final int[] tpCampaign = new int[16];
        private final int[] tpType = new int[16];
        private final int[] tpSource = new int[16];
        private final int[] tpOrder = new int[16];
        private final long[] actTime = new long[16];
        private final int[] actType = new int[16];
        private final long[] stTime = new long[8];
        private final int[] stStage = new int[8];

        private final Controller ctlMql = new Controller();
        private final Controller ctlSql = new Controller();
        private final Controller ctlOpp = new Controller();
        private final Controller ctlWin = new Controller();
        private final Controller ctlRenewalChurn = new Controller();
        private final Controller ctlMonthlyChurn = new Controller();

        Run(DemoSettings s, Path dir) {
            this.s = s;
            this.dir = dir;
            this.leadCount = s.leads();
            this.base = s.baseCurrency();
            this.second = s.secondCurrency();

            LocalDate endDate = s.endDate();
            this.startDate = endDate.minusDays(DAYS - 1);
            this.startSec = startDate.toEpochDay() * DAY;
            this.endSec = (endDate.toEpochDay() + 1) * DAY - 1;

            YearMonth firstMonth = YearMonth.from(startDate);
            int months = (int) (firstMonth.until(YearMonth.from(endDate), java.time.temporal.ChronoUnit.MONTHS) + 1);
            monthLabel = new String[months];
            monthFirstSec = new long[months];
            monthLastSec = new long[months];
            for (int m = 0; m < months; m++) {
                YearMonth ym = firstMonth.plusMonths(m);
                monthLabel[m] = ym.toString();
                monthFirstSec[m] = Math.max(startSec, ym.atDay(1).toEpochDay() * DAY);
                monthLastSec[m] = Math.min(endSec, (ym.atEndOfMonth().toEpochDay() + 1) * DAY - 1);
            }
            LocalDate firstQuarter = quarterStartOf(startDate);
            List<LocalDate> quarters = new ArrayList<>();
            for (LocalDate q = firstQuarter; !q.isAfter(endDate); q = q.plusMonths(3)) {
                quarters.add(q);
            }
            quarterStart = quarters.toArray(new LocalDate[0]);
            for (int d = 0; d < DAYS; d++) {
                LocalDate date = startDate.plusDays(d);
                dayStr[d] = date.toString();
                dayMonth[d] = (int) firstMonth.until(YearMonth.from(date), java.time.temporal.ChronoUnit.MONTHS);
                dayQuarter[d] = (int) (firstQuarter.until(quarterStartOf(date), java.time.temporal.ChronoUnit.MONTHS) / 3);
                dayMonthOfYear[d] = date.getMonthValue();
            }
            bookings = new long[OWNERS.length][quarterStart.length];

            initLeadVolume();
            initFx();
            initRates();
            initCampaignChoice();

            accountCount = Math.max(20, leadCount / 5);
            // An installed base of customers from before the period, sized like a year of new customers.
            legacyCount = Math.max(3, Math.min(accountCount / 4, (int) Math.round(leadCount * 0.012)));
            nameStep = coprimeStep(accountCount);
            accCountry = new byte[accountCount];
            accIndustry = new byte[accountCount];
            accOwner = new byte[accountCount];
            accEmployees = new int[accountCount];
            custSec = new long[accountCount];
            custMrr = new long[accountCount];
            extraMrr = new long[accountCount];
            extraMonth = new int[accountCount];
            initAccounts();
        }

        DemoSummary run() throws IOException {
            try (RowPump p = new RowPump("revloop-demo-csv")) {
                pump = p;
                writeAll();
            }
            Map<String, Long> result = new LinkedHashMap<>();
            for (String[] file : FILES) {
                result.put(file[0], rows.getOrDefault(file[0], 0L));
            }
            return new DemoSummary(result);
        }

        private void writeAll() throws IOException {
            writeCampaigns();
            writeFx();
            writeAccounts();
            try (CsvSink leads = sink("leads.csv");
                 CsvSink deals = sink("deals.csv");
                 CsvSink stages = sink("deal_stages.csv");
                 CsvSink touches = sink("touchpoints.csv");
                 CsvSink activities = sink("activities.csv");
                 CsvSink mrr = sink("mrr.csv");
                 CsvSink surveys = sink("surveys.csv")) {
                SplittableRandom r = rng(SALT_LEADS);
                replies = rng(SALT_REPLIES);
                long leadNo = 0;
                long[] times = new long[0];
                for (int d = 0; d < DAYS; d++) {
                    int n = leadsPerDay[d];
                    if (times.length < n) {
                        times = new long[Math.max(n, times.length * 2)];
                    }
                    long dayStart = startSec + d * DAY;
                    for (int i = 0; i < n; i++) {
                        times[i] = dayStart + secondOfBusinessDay(r);
                    }
                    Arrays.sort(times, 0, n);
                    for (int i = 0; i < n; i++) {
                        writeLead(r, ++leadNo, times[i], d, leads, deals, stages, touches, activities);
                    }
                }
                writeCustomers(deals, stages, mrr, surveys);
                count(leads, deals, stages, touches, activities, mrr, surveys);
            }
            writeAdSpend();
            writeWebTraffic();
            writeCosts();
            writeQuotas();
        }

        // ------------------------------------------------------------------------------------------ setup

        private void initLeadVolume() {
            SplittableRandom r = rng(SALT_CALENDAR);
            double[] w = new double[DAYS];
            double sum = 0;
            for (int d = 0; d < DAYS; d++) {
                LocalDate date = startDate.plusDays(d);
                double growth = Math.pow(1 + MONTHLY_GROWTH, d / 30.4375);
                double weekday = WEEKDAY_WEIGHT[date.getDayOfWeek().getValue() - 1];
                double season = 1.0;
                if ((date.getMonthValue() == 12 && date.getDayOfMonth() >= 22)
                    || (date.getMonthValue() == 1 && date.getDayOfMonth() <= 2)) {
                    season = 0.45;
                } else if (date.getMonthValue() == 8) {
                    season = 0.85;
                }
                w[d] = growth * weekday * season * (0.88 + 0.24 * r.nextDouble());
                sum += w[d];
            }
            double cumulative = 0;
            long assigned = 0;
            for (int d = 0; d < DAYS; d++) {
                expLeads[d] = leadCount * w[d] / sum;
                cumulative += expLeads[d];
                long upTo = d == DAYS - 1 ? leadCount : (long) Math.floor(cumulative + 0.5);
                leadsPerDay[d] = (int) (upTo - assigned);
                assigned = upTo;
            }
        }

        /** USD→EUR: a bounded random walk around 0.92, six decimals. */
        private void initFx() {
            SplittableRandom r = rng(SALT_FX);
            double rate = 0.92 + (r.nextDouble() - 0.5) * 0.02;
            for (int d = 0; d < DAYS; d++) {
                rate += r.nextGaussian() * 0.0025 + 0.03 * (0.92 - rate);
                rate = Math.max(0.86, Math.min(0.98, rate));
                fxMicros[d] = Math.round(rate * 1_000_000);
            }
        }

        private void initRates() {
            double mqlNorm = 0;
            double winNorm = 0;
            for (int c = 0; c < CHANNELS.length; c++) {
                mqlNorm += LEAD_MIX[c] * MQL_FACTOR[c];
                winNorm += LEAD_MIX[c] * MQL_FACTOR[c] * WIN_FACTOR[c];
            }
            winNorm /= mqlNorm; // average win factor over the opportunity mix
            for (int c = 0; c < CHANNELS.length; c++) {
                pMql[c] = LEAD_TO_MQL * MQL_FACTOR[c] / mqlNorm;
                pWin[c] = WIN_RATE * WIN_FACTOR[c] / winNorm;
            }
            // Campaign weights within their channel; Paid Social is split between LinkedIn and Meta first.
            double linkedin = 0;
            double meta = 0;
            for (Campaign c : CAMPAIGNS) {
                if (c.platform().equals(PLATFORM_LINKEDIN)) {
                    linkedin += c.weight();
                } else if (c.platform().equals(PLATFORM_META)) {
                    meta += c.weight();
                }
            }
            for (int i = 0; i < CAMPAIGNS.length; i++) {
                Campaign c = CAMPAIGNS[i];
                if (c.platform().equals(PLATFORM_LINKEDIN)) {
                    campaignWeight[i] = LINKEDIN_SHARE_OF_PAID_SOCIAL * c.weight() / linkedin;
                } else if (c.platform().equals(PLATFORM_META)) {
                    campaignWeight[i] = (1 - LINKEDIN_SHARE_OF_PAID_SOCIAL) * c.weight() / meta;
                } else {
                    campaignWeight[i] = c.weight();
                }
            }
            // Share of an always-on campaign in its channel's leads (paid campaigns are all always on).
            for (int i = 0; i < CAMPAIGNS.length; i++) {
                double total = 0;
                for (int j = 0; j < CAMPAIGNS.length; j++) {
                    if (CAMPAIGNS[j].channel() == CAMPAIGNS[i].channel() && CAMPAIGNS[j].activeMonth() == 0) {
                        total += campaignWeight[j];
                    }
                }
                campaignShare[i] = campaignWeight[i] / total;
            }
        }

        private void initAccounts() {
            SplittableRandom r = rng(SALT_ACCOUNTS);
            for (int i = 0; i < accountCount; i++) {
                int country = pick(r, countryCum);
                accCountry[i] = (byte) country;
                accIndustry[i] = (byte) pick(r, industryCum);
                double u = r.nextDouble();
                if (u < 0.55) {
                    accEmployees[i] = logUniform(r, 10, 199);
                } else if (u < 0.85) {
                    accEmployees[i] = logUniform(r, 200, 999);
                } else {
                    accEmployees[i] = logUniform(r, 1000, 25_000);
                }
                int[] owners = OWNERS_BY_COUNTRY[country];
                accOwner[i] = (byte) owners[r.nextInt(owners.length)];
            }
        }

        // ------------------------------------------------------------------------------------------ small files

        private void writeCampaigns() throws IOException {
            try (CsvSink out = sink("campaigns.csv")) {
                for (Campaign c : CAMPAIGNS) {
                    out.f(c.id()).f(c.name()).f(CHANNELS[c.channel()]).f(c.platform()).end();
                }
                count(out);
            }
        }

        private void writeFx() throws IOException {
            try (CsvSink out = sink("fx_rates.csv")) {
                for (int d = 0; d < DAYS; d++) {
                    out.f(dayStr[d]).f(second).f(rate(fxMicros[d])).end();
                }
                count(out);
            }
        }

        private void writeAccounts() throws IOException {
            SplittableRandom r = rng(SALT_ACCOUNT_ROWS);
            try (CsvSink out = sink("accounts.csv")) {
                for (int i = 0; i < accountCount; i++) {
                    int industry = accIndustry[i];
                    double revenue = accEmployees[i] * REVENUE_PER_EMPLOYEE[industry] * (0.7 + 0.6 * r.nextDouble());
                    long revenueCents = Math.max(1, Math.round(revenue / 10_000)) * 10_000 * 100;
                    out.f(accountId(i)).f(accountName(i)).f(accountDomain(i)).f(INDUSTRIES[industry])
                        .f(accEmployees[i]).f(money(revenueCents)).end();
                }
                count(out);
            }
        }

        // ------------------------------------------------------------------------------------------ leads

        private void writeLead(SplittableRandom r, long leadNo, long created, int day, CsvSink leads, CsvSink deals,
                               CsvSink stages, CsvSink touches, CsvSink activities) throws IOException {
            String leadId = pad("lead-", leadNo, 7);
            int ch = pick(r, leadMixCum);
            int acc = (int) (Math.pow(r.nextDouble(), 1.25) * (accountCount - legacyCount));
            int camp = pickCampaign(r, ch, day, false);
            if (camp >= 0) {
                campaignLeads[camp][day]++;
            }
            int src = sourceOf(r, ch, camp);
            String first = FIRST_SLUGS[r.nextInt(FIRST_NAMES.length)];
            String last = LAST_SLUGS[r.nextInt(LAST_NAMES.length)];
            String email = first + "." + last + "." + pad("", leadNo, 6) + "@" + accountDomain(acc);
            String title = TITLES[pick(r, titleCum)];
            int country = r.nextDouble() < 0.9 ? accCountry[acc] : pick(r, countryCum);
            int owner = accOwner[acc];

            // Funnel outcome (intended; what happens after endDate is simply not written).
            boolean mql = ctlMql.draw(r, pMql[ch]);
            boolean sql = mql && ctlSql.draw(r, MQL_TO_SQL);
            boolean opp = sql && ctlOpp.draw(r, SQL_TO_OPP);
            boolean win = opp && ctlWin.draw(r, pWin[ch]);
            int intended = opp ? 3 : sql ? 2 : mql ? 1 : 0;

            long mqlAt = mql ? created + (r.nextDouble() < 0.35 ? 300 + r.nextLong(4 * HOUR)
                : (long) ((0.5 + 4.5 * r.nextDouble()) * DAY)) : NONE;
            long sqlAt = sql ? mqlAt + (long) ((0.5 + 4.5 * r.nextDouble()) * DAY) : NONE;
            long oppAt = opp ? sqlAt + (long) ((0.3 + 2.7 * r.nextDouble()) * DAY) : NONE;
            if (mqlAt != NONE && mqlAt > endSec) {
                mqlAt = NONE;
            }
            if (mqlAt == NONE || (sqlAt != NONE && sqlAt > endSec)) {
                sqlAt = NONE;
            }
            if (sqlAt == NONE || (oppAt != NONE && oppAt > endSec)) {
                oppAt = NONE;
            }

            // The new-business deal of an opportunity.
            long customerAt = NONE;
            long dealEnd = NONE;
            boolean dealLost = false;
            if (oppAt != NONE) {
                long close;
                long planned;
                int n;
                if (win) {
                    double cycle = 19 + Math.min(56, -12 * Math.log(1 - r.nextDouble()));
                    close = oppAt + (long) (cycle * DAY);
                    planned = oppAt + (long) (cycle * (0.8 + 0.3 * r.nextDouble()) * DAY);
                    n = planStages(r, oppAt, close, S_NEGOTIATION + 1, S_WON);
                } else {
                    double u = r.nextDouble();
                    int lostAfter = u < 0.30 ? S_QUALIFICATION : u < 0.60 ? S_DISCOVERY : u < 0.85 ? S_PROPOSAL : S_NEGOTIATION;
                    close = oppAt + (long) ((20 + 70 * r.nextDouble()) * DAY);
                    planned = oppAt + (long) ((30 + 45 * r.nextDouble()) * DAY);
                    n = planStages(r, oppAt, close, lostAfter + 1, S_LOST);
                }
                close = stTime[n - 1];
                long amount = dealAmountCents(r, acc);
                String currency = currencyOf(acc);
                writeDeal(deals, stages, accountName(acc) + " – New business", acc, leadId, OWNERS[owner], "new",
                    amount, currency, n, planned);
                dealEnd = Math.min(close, endSec);
                if (close <= endSec) {
                    if (win) {
                        customerAt = close;
                        recordNewCustomer(acc, close, amount);
                        book(owner, close, amount, currency);
                    } else {
                        dealLost = true;
                    }
                }
            }

            // Disqualified: only leads whose journey really ends at the stage they have reached.
            long disqualifiedAt = NONE;
            if (customerAt == NONE) {
                if (intended == 3) {
                    if (dealLost && r.nextDouble() < 0.5) {
                        disqualifiedAt = dealEnd;
                    }
                } else if (intended == 2) {
                    if (sqlAt != NONE && r.nextDouble() < 0.6) {
                        disqualifiedAt = sqlAt + (long) ((2 + 18 * r.nextDouble()) * DAY);
                    }
                } else if (intended == 1) {
                    if (mqlAt != NONE && r.nextDouble() < 0.45) {
                        disqualifiedAt = mqlAt + (long) ((3 + 27 * r.nextDouble()) * DAY);
                    }
                } else if (r.nextDouble() < 0.25) {
                    disqualifiedAt = created + (long) ((1 + 29 * r.nextDouble()) * DAY);
                }
                if (disqualifiedAt != NONE && disqualifiedAt > endSec) {
                    disqualifiedAt = NONE;
                }
            }

            int score = switch (intended) {
                case 0 -> 5 + r.nextInt(50);
                case 1 -> 35 + r.nextInt(45);
                case 2 -> 50 + r.nextInt(40);
                default -> 60 + r.nextInt(41);
            };

            // Sales activities: first response (speed to lead) plus follow-ups along the stages.
            int na = 0;
            if (r.nextDouble() < (mql ? 0.94 : 0.3)) {
                actTime[na] = created + responseSeconds(r);
                actType[na++] = r.nextDouble() < 0.55 ? 0 : 1;
            }
            if (mqlAt != NONE) {
                for (int k = 1 + r.nextInt(2); k > 0; k--) {
                    actTime[na] = mqlAt + 1800 + r.nextLong(5 * DAY);
                    actType[na++] = r.nextDouble() < 0.5 ? 0 : 1;
                }
            }
            if (sqlAt != NONE) {
                for (int k = 1 + r.nextInt(2); k > 0; k--) {
                    actTime[na] = sqlAt + HOUR + r.nextLong(4 * DAY);
                    actType[na++] = r.nextDouble() < 0.5 ? 0 : 2;
                }
            }
            if (oppAt != NONE) {
                long span = Math.max(HOUR, dealEnd - oppAt);
                for (int k = 2 + r.nextInt(3); k > 0; k--) {
                    actTime[na] = oppAt + r.nextLong(span);
                    actType[na++] = r.nextInt(3);
                }
            }
            long firstResponse = NONE;
            int kept = 0;
            for (int i = 0; i < na; i++) {
                if (actTime[i] <= endSec) {
                    actTime[kept] = actTime[i];
                    actType[kept++] = actType[i];
                }
            }
            na = kept;
            sortActivities(na);
            if (na > 0) {
                firstResponse = actTime[0];
            }

            // Touchpoints: first touch (the lead's channel and campaign), the form at creation, nurture, stage touches.
            int nt = 0;
            int firstType = firstTouchType(ch);
            if (firstType >= 0 && r.nextDouble() < 0.6) {
                long offset = r.nextDouble() < 0.7 ? 60 + r.nextLong(1800) : 1800 + r.nextLong(3 * DAY);
                nt = addTouch(nt, Math.max(startSec, created - offset), ch, camp, firstType, src);
            }
            nt = addTouch(nt, created, ch, camp, T_FORM, src);
            if (camp >= 0 && CAMPAIGNS[camp].webinar()) {
                nt = addTouch(nt, created + DAY + r.nextLong(9 * DAY), EVENTS, camp, T_WEBINAR, 12);
            }
            for (int k = 2 + r.nextInt(5); k > 0; k--) {
                long t = created + 600 + r.nextLong(21 * DAY);
                int c = pick(r, nurtureCum);
                int tc = pickCampaign(r, c, dayOf(t), true);
                nt = addTouch(nt, t, c, tc, nurtureType(r, c), sourceOf(r, c, tc));
            }
            if (mqlAt != NONE) {
                long t = Math.max(created + 60, mqlAt - r.nextLong(2 * HOUR));
                double u = r.nextDouble();
                if (u < 0.6) {
                    nt = addTouch(nt, t, ORGANIC, -1, T_CONTENT, 1);
                } else if (u < 0.8) {
                    int tc = pickCampaign(r, EVENTS, dayOf(t), true);
                    nt = addTouch(nt, t, EVENTS, tc, T_WEBINAR, 12);
                } else {
                    int tc = pickCampaign(r, EMAIL, dayOf(t), true);
                    nt = addTouch(nt, t, EMAIL, tc, T_EMAIL_CLICK, 11);
                }
            }
            if (sqlAt != NONE) {
                if (r.nextDouble() < 0.7) {
                    nt = addTouch(nt, Math.max(created + 60, sqlAt - HOUR - r.nextLong(2 * DAY)), ORGANIC, -1,
                        T_PRICING, 1);
                }
                nt = addTouch(nt, Math.max(created + 60, sqlAt - r.nextLong(HOUR)), DIRECT, -1, T_DEMO, SRC_DIRECT);
            }
            if (oppAt != NONE) {
                nt = addTouch(nt, oppAt + 1800 + r.nextLong(3 * DAY), OTHER, -1, T_MEETING, SRC_CRM);
            }
            nt = addReply(nt, created);
            sortTouches(nt);

            leads.f(leadId).f(email).f(accountName(acc)).f(title).f(COUNTRIES[country]).f(CHANNELS[ch])
                .f(SOURCES[src][0]).f(camp >= 0 ? CAMPAIGNS[camp].id() : null).f(OWNERS[owner]).f(score)
                .f(ts(created)).f(ts(mqlAt)).f(ts(sqlAt)).f(ts(oppAt)).f(ts(customerAt)).f(ts(disqualifiedAt))
                .f(ts(firstResponse)).f(accountId(acc)).end();
            for (int i = 0; i < nt; i++) {
                int j = tpOrder[i];
                touches.f(pad("tp-", ++touchNo, 8)).f(leadId).f(ts(tpTime[j])).f(CHANNELS[tpChannel[j]])
                    .f(SOURCES[tpSource[j]][0]).f(SOURCES[tpSource[j]][1])
                    .f(tpCampaign[j] >= 0 ? CAMPAIGNS[tpCampaign[j]].id() : null).f(TOUCH_TYPES[tpType[j]]).end();
            }
            for (int i = 0; i < na; i++) {
                activities.f(pad("act-", ++activityNo, 7)).f(leadId).f(ts(actTime[i])).f(ACTIVITY_TYPES[actType[i]])
                    .end();
            }
        }

        /**
         * Speed to lead: log-normal around 2.75 minutes with 8 % taking hours; with the leads whose first contact is a
         * later follow-up, the median first response lands at ≈ 3.5 minutes.
         */
        private static long responseSeconds(SplittableRandom r) {
            if (r.nextDouble() < 0.08) {
                return HOUR + r.nextLong(19 * HOUR);
            }
            double v = 165 * Math.exp(1.3 * r.nextGaussian());
            return Math.max(15, Math.min(2 * HOUR, Math.round(v)));
        }

        private int addTouch(int n, long t, int channel, int campaign, int type, int source) {
            if (t > endSec) {
                return n;
            }
            tpTime[n] = t;
            tpChannel[n] = channel;
            tpCampaign[n] = campaign;
            tpType[n] = type;
            tpSource[n] = source;
            tpOrder[n] = n;
            return n + 1;
        }

        /** A reply to the lead's first email click, for {@link #REPLY_RATE} of the leads that clicked one. */
        private int addReply(int n, long created) {
            for (int i = 0; i < n; i++) {
                if (tpType[i] == T_EMAIL_CLICK) {
                    if (replies.nextDouble() >= REPLY_RATE) {
                        return n;
                    }
                    long at = Math.max(created + 60, tpTime[i]) + 1800 + replies.nextLong(2 * DAY);
                    return addTouch(n, at, EMAIL, tpCampaign[i], T_EMAIL_REPLY, tpSource[i]);
                }
            }
            return n;
        }

        /** Stable insertion sort of the touch order by time (the first touch stays first on ties). */
        private void sortTouches(int n) {
            for (int i = 1; i < n; i++) {
                int o = tpOrder[i];
                int j = i - 1;
                while (j >= 0 && tpTime[tpOrder[j]] > tpTime[o]) {
                    tpOrder[j + 1] = tpOrder[j];
                    j--;
                }
                tpOrder[j + 1] = o;
            }
        }

        private void sortActivities(int n) {
            for (int i = 1; i < n; i++) {
                long t = actTime[i];
                int type = actType[i];
                int j = i - 1;
                while (j >= 0 && actTime[j] > t) {
                    actTime[j + 1] = actTime[j];
                    actType[j + 1] = actType[j];
                    j--;
                }
                actTime[j + 1] = t;
                actType[j + 1] = type;
            }
        }

        /** Type of a touch before the form fill, or -1 when the channel has none (events: the form is the first). */
        private static int firstTouchType(int channel) {
            return switch (channel) {
                case PAID_SEARCH, PAID_SOCIAL -> T_AD_CLICK;
                case EMAIL -> T_EMAIL_CLICK;
                case EVENTS -> -1;
                default -> T_PAGE_VIEW;
            };
        }

        private static int nurtureType(SplittableRandom r, int channel) {
            switch (channel) {
                case PAID_SEARCH:
                case PAID_SOCIAL:
                    return T_AD_CLICK;
                case EMAIL:
                    return T_EMAIL_CLICK;
                case EVENTS:
                    return T_WEBINAR;
                default:
                    double u = r.nextDouble();
                    return u < 0.6 ? T_PAGE_VIEW : u < 0.85 ? T_CONTENT : T_PRICING;
            }
        }

        /** GA-like source/medium of a touch in a channel (index into {@link DemoCatalog#SOURCES}). */
        private static int sourceOf(SplittableRandom r, int channel, int campaign) {
            switch (channel) {
                case DIRECT:
                    return SRC_DIRECT;
                case ORGANIC: {
                    double u = r.nextDouble();
                    return u < 0.85 ? 1 : u < 0.95 ? 2 : 3;
                }
                case PAID_SEARCH:
                    return 4;
                case PAID_SOCIAL:
                    return campaign >= 0 && CAMPAIGNS[campaign].platform().equals(PLATFORM_META) ? 6 : 5;
                case REFERRAL: {
                    double u = r.nextDouble();
                    return u < 0.5 ? 7 : u < 0.75 ? 8 : u < 0.9 ? 9 : 10;
                }
                case EMAIL:
                    return 11;
                case EVENTS:
                    return campaign >= 0 && !CAMPAIGNS[campaign].webinar() ? 13 : 12;
                default:
                    return 14;
            }
        }

        /**
         * A campaign of the channel active on that day (trade fairs only in their month, and heavily then), or -1
         * for channels without campaigns.
         */
        private int pickCampaign(SplittableRandom r, int channel, int day, boolean webinarsOnlyForEvents) {
            int[] candidates = campaignChoice[choiceKey(channel, dayMonthOfYear[day], webinarsOnlyForEvents)];
            if (candidates.length == 0) {
                return -1;
            }
            double[] cum = campaignChoiceCum[choiceKey(channel, dayMonthOfYear[day], webinarsOnlyForEvents)];
            return candidates[pick(r, cum)];
        }

        private static int choiceKey(int channel, int monthOfYear, boolean webinarsOnly) {
            return ((channel * 13) + monthOfYear) * 2 + (webinarsOnly ? 1 : 0);
        }

        /** Campaigns to choose from per channel, month of year and webinar-only flag, with cumulative weights. */
        private void initCampaignChoice() {
            for (int channel = 0; channel < CHANNELS.length; channel++) {
                for (int month = 1; month <= 12; month++) {
                    for (boolean webinarsOnly : new boolean[] {false, true}) {
                        List<Integer> ids = new ArrayList<>();
                        List<Double> weights = new ArrayList<>();
                        for (int i = 0; i < CAMPAIGNS.length; i++) {
                            Campaign c = CAMPAIGNS[i];
                            boolean active = c.channel() == channel && (c.activeMonth() == 0 || c.activeMonth() == month)
                                && !(webinarsOnly && channel == EVENTS && !c.webinar());
                            if (active) {
                                ids.add(i);
                                weights.add(campaignWeight[i]);
                            }
                        }
                        int key = choiceKey(channel, month, webinarsOnly);
                        campaignChoice[key] = ids.stream().mapToInt(Integer::intValue).toArray();
                        campaignChoiceCum[key] = ids.isEmpty() ? new double[0]
                            : cum(weights.stream().mapToDouble(Double::doubleValue).toArray());
                    }
                }
            }
        }

        // ------------------------------------------------------------------------------------------ deals

        /**
         * Plans the stage history of a deal from {@code created} to {@code close}: the first {@code openStages}
         * stages of qualification → discovery → proposal → negotiation, then the closing stage. Fills
         * stTime/stStage and returns the number of entries (the last one is the close).
         */
        private int planStages(SplittableRandom r, long created, long close, int openStages, int closingStage) {
            return planStages(r, created, close, new int[] {S_QUALIFICATION, S_DISCOVERY, S_PROPOSAL, S_NEGOTIATION},
                openStages, closingStage);
        }

        private int planStages(SplittableRandom r, long created, long close, int[] path, int openStages,
                               int closingStage) {
            long span = close - created;
            stTime[0] = created;
            stStage[0] = path[0];
            for (int j = 1; j < openStages; j++) {
                double frac = (j + 0.6 * (r.nextDouble() - 0.5)) / openStages;
                stTime[j] = Math.max(stTime[j - 1] + 60, created + (long) (span * frac));
                stStage[j] = path[j];
            }
            stTime[openStages] = Math.max(stTime[openStages - 1] + 60, close);
            stStage[openStages] = closingStage;
            return openStages + 1;
        }

        /**
         * Writes a deal whose planned stage history is in stTime/stStage[0..n) (the last entry closes it): only the
         * entries up to endDate are written; a deal whose close lies after endDate is open. An open deal keeps its
         * planned expected close date (often after endDate, as in any CRM); a closed one never shows a date after
         * endDate: if the plan lay beyond, it carries its real close date.
         */
        private void writeDeal(CsvSink deals, CsvSink stages, String name, int acc, String leadId, String owner,
                               String type, long amountCents, String currency, int n, long plannedClose)
            throws IOException {
            int visible = 0;
            while (visible < n && stTime[visible] <= endSec) {
                visible++;
            }
            boolean closed = visible == n;
            String dealId = pad("deal-", ++dealNo, 6);
            long closeSec = stTime[n - 1];
            String expected;
            long plannedDay = Math.floorDiv(Math.max(plannedClose, stTime[0]), DAY);
            if (closed && plannedDay > Math.floorDiv(endSec, DAY)) {
                expected = date(closeSec); // a closed deal carries its real close date rather than a future plan
            } else {
                expected = LocalDate.ofEpochDay(plannedDay).toString();
            }
            deals.f(dealId).f(name).f(accountId(acc)).f(leadId).f(owner).f(type).f(money(amountCents)).f(currency)
                .f(DEAL_STAGES[stStage[visible - 1]]).f(ts(stTime[0])).f(expected).f(closed ? ts(closeSec) : null)
                .f(closed ? (stStage[n - 1] == S_WON ? "true" : "false") : null).end();
            for (int i = 0; i < visible; i++) {
                stages.f(dealId).f(DEAL_STAGES[stStage[i]]).f(ts(stTime[i])).end();
            }
        }

        /** Annual contract value by company size, rounded to 100. */
        private long dealAmountCents(SplittableRandom r, int acc) {
            int employees = accEmployees[acc];
            double amount;
            if (employees < 200) {
                amount = 6_000 + 18_000 * r.nextDouble();
            } else if (employees < 1000) {
                amount = 18_000 + 42_000 * r.nextDouble();
            } else {
                amount = 45_000 + 75_000 * r.nextDouble();
            }
            return Math.round(amount / 100) * 100 * 100;
        }

        private void recordNewCustomer(int acc, long closedAt, long amountCents) {
            long mrr = monthly(amountCents);
            int month = monthOf(closedAt) + 1;
            if (custSec[acc] == 0) {
                custSec[acc] = closedAt;
                custMrr[acc] = mrr;
                return;
            }
            if (closedAt < custSec[acc]) { // an earlier win of the same account: it becomes the first one
                long previousMrr = custMrr[acc];
                int previousMonth = monthOf(custSec[acc]) + 1;
                custSec[acc] = closedAt;
                custMrr[acc] = mrr;
                mrr = previousMrr;
                month = previousMonth;
            }
            extraMonth[acc] = extraMrr[acc] == 0 ? month : Math.min(extraMonth[acc], month);
            extraMrr[acc] += mrr;
        }

        /** Bookings towards quota (new and expansion business), in base currency cents. */
        private void book(int owner, long closedAt, long amountCents, String currency) {
            int day = dayOf(closedAt);
            bookings[owner][dayQuarter[day]] += toBase(amountCents, currency, day);
        }

        // ------------------------------------------------------------------------------------------ customers

        /**
         * Customer accounts: MRR from the month after the first won deal (the installed base from the first month),
         * churn, expansion and contraction month by month, expansion and renewal deals, NPS/CSAT surveys.
         */
        private void writeCustomers(CsvSink deals, CsvSink stages, CsvSink mrrOut, CsvSink surveys) throws IOException {
            SplittableRandom r = rng(SALT_CUSTOMERS);
            int months = monthLabel.length;
            long[] mrrByMonth = new long[months];
            for (int acc = 0; acc < accountCount; acc++) {
                boolean legacy = acc >= accountCount - legacyCount;
                if (!legacy && custSec[acc] == 0) {
                    continue;
                }
                String currency = currencyOf(acc);
                String owner = OWNERS[accOwner[acc]];
                String name = accountName(acc);
                long since = legacy ? startSec - DAY : custSec[acc];
                long mrr;
                int startMonth;
                long anniversary;
                boolean churnAtRenewal = false;
                if (legacy) {
                    mrr = monthly(dealAmountCents(r, acc));
                    startMonth = 0;
                    anniversary = startSec + r.nextInt(DAYS) * DAY + secondOfBusinessDay(r);
                    churnAtRenewal = ctlRenewalChurn.draw(r, 0.12);
                } else {
                    mrr = custMrr[acc];
                    startMonth = monthOf(custSec[acc]) + 1;
                    anniversary = custSec[acc] + 365 * DAY;
                }
                Arrays.fill(mrrByMonth, 0);
                boolean churned = false;
                int anniversaryMonth = anniversary <= endSec ? monthOf(anniversary) : Integer.MAX_VALUE;
                for (int m = startMonth; m < months; m++) {
                    if (m > startMonth) {
                        if (legacy ? churnAtRenewal && m > anniversaryMonth : ctlMonthlyChurn.draw(r, 0.015)) {
                            churned = true;
                            break;
                        }
                    }
                    if (!legacy && extraMrr[acc] > 0 && m == extraMonth[acc]) {
                        mrr += extraMrr[acc];
                    }
                    if (m > startMonth) {
                        double u = r.nextDouble();
                        if (u < 0.20) {
                            long delta = Math.round(mrr * (0.05 + 0.15 * r.nextDouble()));
                            mrr += delta;
                            if (r.nextDouble() < 0.25) {
                                expansionWon(r, deals, stages, acc, name, owner, currency, since, m - 1, delta * 12);
                            }
                        } else if (u < 0.22) {
                            mrr -= Math.round(mrr * (0.05 + 0.10 * r.nextDouble()));
                        }
                    }
                    if (r.nextDouble() < 0.03) {
                        expansionUnsuccessful(r, deals, stages, acc, name, owner, currency, since, m, mrr);
                    }
                    mrrByMonth[m] = mrr;
                    mrrOut.f(accountId(acc)).f(monthLabel[m]).f(money(mrr)).f(currency).end();
                    writeSurveys(r, surveys, acc, since, m);
                }
                // Renewals: the installed base renews (or not) in the period; this year's customers only show an
                // open renewal when their anniversary is near.
                for (long a = anniversary; !churned || a <= endSec; a += 365 * DAY) {
                    long created = Math.max(Math.max(startSec, since + DAY), a - (long) ((30 + 30 * r.nextDouble()) * DAY));
                    if (created > endSec) {
                        break;
                    }
                    long close = Math.max(created + 7 * DAY, a - r.nextLong(10 * DAY));
                    boolean won = !(legacy && churnAtRenewal && a == anniversary);
                    int closeMonth = close <= endSec ? monthOf(close) : months - 1;
                    long base = mrrByMonth[closeMonth] > 0 ? mrrByMonth[closeMonth] : mrr;
                    int[] path = {S_QUALIFICATION, S_PROPOSAL, S_NEGOTIATION};
                    int n = planStages(r, created, close, path, won ? 3 : 2, won ? S_WON : S_LOST);
                    writeDeal(deals, stages, name + " – Renewal " + LocalDate.ofEpochDay(Math.floorDiv(a, DAY)).getYear(),
                        acc, null, owner, "renewal", base * 12, currency, n, a);
                    if (!won) {
                        break;
                    }
                }
            }
        }

        /** An expansion closed won in month m (the MRR rises from the month after). */
        private void expansionWon(SplittableRandom r, CsvSink deals, CsvSink stages, int acc, String name, String owner,
                                  String currency, long since, int m, long amountCents) throws IOException {
            long lo = Math.max(monthFirstSec[m], since + DAY);
            long hi = monthLastSec[m];
            if (lo > hi || amountCents <= 0) {
                return;
            }
            long close = lo + r.nextLong(hi - lo + 1);
            long created = Math.max(Math.max(startSec, since + HOUR), close - (long) ((14 + 26 * r.nextDouble()) * DAY));
            int n = planStages(r, created, close, S_PROPOSAL + 1, S_WON);
            writeDeal(deals, stages, name + " – Expansion", acc, null, owner, "expansion", amountCents, currency, n, close);
            if (stTime[n - 1] <= endSec) {
                book(accOwner[acc], stTime[n - 1], amountCents, currency);
            }
        }

        /** An expansion opportunity opened in month m that is lost, or still open at the end. */
        private void expansionUnsuccessful(SplittableRandom r, CsvSink deals, CsvSink stages, int acc, String name,
                                           String owner, String currency, long since, int m, long mrr)
            throws IOException {
            long lo = Math.max(monthFirstSec[m], since + DAY);
            long hi = monthLastSec[m];
            if (lo > hi) {
                return;
            }
            long created = lo + r.nextLong(hi - lo + 1);
            long close = created + (long) ((14 + 31 * r.nextDouble()) * DAY);
            long amount = Math.max(100_00, Math.round(mrr * 12 * (0.1 + 0.2 * r.nextDouble()) / 100) * 100);
            int n = planStages(r, created, close, 1 + r.nextInt(3), S_LOST);
            writeDeal(deals, stages, name + " – Expansion", acc, null, owner, "expansion", amount, currency, n,
                created + 30 * DAY);
        }

        private void writeSurveys(SplittableRandom r, CsvSink out, int acc, long since, int m) throws IOException {
            long lo = Math.max(monthFirstSec[m], since + DAY);
            long hi = monthLastSec[m];
            if (lo > hi) {
                return;
            }
            if (r.nextDouble() < 0.25) {
                double u = r.nextDouble();
                int score;
                if (u < 0.5) {
                    score = r.nextDouble() < 0.55 ? 9 : 10;
                } else if (u < 0.8) {
                    score = r.nextDouble() < 0.45 ? 7 : 8;
                } else {
                    score = pick(r, DETRACTOR_CUM);
                }
                out.f(accountId(acc)).f(ts(lo + r.nextLong(hi - lo + 1))).f("nps").f(score).end();
            }
            if (r.nextDouble() < 0.15) {
                double u = r.nextDouble();
                int score = u < 0.45 ? 5 : u < 0.80 ? 4 : u < 0.92 ? 3 : u < 0.97 ? 2 : 1;
                out.f(accountId(acc)).f(ts(lo + r.nextLong(hi - lo + 1))).f("csat").f(score).end();
            }
        }

        private static final String[] STEM_SLUGS = slugs(NAME_STEMS);
        private static final String[] FIRST_SLUGS = slugs(FIRST_NAMES);
        private static final String[] LAST_SLUGS = slugs(LAST_NAMES);
        private static final String[] PLACE_SLUGS = slugs(NAME_PLACES);
        private static final String[][] ENDING_SLUGS = new String[NAME_ENDINGS.length][];

        static {
            for (int i = 0; i < NAME_ENDINGS.length; i++) {
                ENDING_SLUGS[i] = slugs(NAME_ENDINGS[i]);
            }
        }

        private static String[] slugs(String[] names) {
            String[] out = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                out[i] = slug(names[i]);
            }
            return out;
        }

        private static final double[] DETRACTOR_CUM = cum(new double[] {1, 1, 2, 3, 5, 8, 10});

        // ------------------------------------------------------------------------------------------ marketing

        private void writeAdSpend() throws IOException {
            SplittableRandom r = rng(SALT_ADS);
            try (CsvSink out = sink("ad_spend.csv")) {
                for (int d = 0; d < DAYS; d++) {
                    for (int i = 0; i < CAMPAIGNS.length; i++) {
                        Campaign c = CAMPAIGNS[i];
                        if (!c.paid()) {
                            continue;
                        }
                        double cpl;
                        double cpc;
                        double ctr;
                        switch (c.platform()) {
                            case PLATFORM_GOOGLE -> {
                                cpl = CPL_GOOGLE;
                                cpc = 2.6 + 1.6 * r.nextDouble();
                                ctr = 0.03 + 0.035 * r.nextDouble();
                            }
                            case PLATFORM_LINKEDIN -> {
                                cpl = CPL_LINKEDIN;
                                cpc = 6.0 + 3.5 * r.nextDouble();
                                ctr = 0.004 + 0.005 * r.nextDouble();
                            }
                            default -> {
                                cpl = CPL_META;
                                cpc = 0.9 + 0.9 * r.nextDouble();
                                ctr = 0.008 + 0.008 * r.nextDouble();
                            }
                        }
                        double expected = expLeads[d] * LEAD_MIX[c.channel()] * campaignShare[i];
                        double costBase = expected * cpl * (0.85 + 0.30 * r.nextDouble());
                        long baseCents = Math.round(costBase * 100);
                        long conversions = campaignLeads[i][d];
                        long clicks = Math.max(conversions, Math.round(costBase / cpc));
                        long impressions = Math.max(clicks + 1, Math.round(clicks / ctr));
                        boolean usd = c.platform().equals(PLATFORM_GOOGLE);
                        long cents = usd ? Math.round(baseCents * 1_000_000.0 / fxMicros[d]) : baseCents;
                        out.f(dayStr[d]).f(c.platform()).f(c.id()).f(CHANNELS[c.channel()]).f(impressions).f(clicks)
                            .f(money(cents)).f(usd ? second : base).f(conversions).end();
                    }
                }
                count(out);
            }
        }

        private void writeWebTraffic() throws IOException {
            SplittableRandom r = rng(SALT_TRAFFIC);
            try (CsvSink out = sink("web_traffic.csv")) {
                for (int d = 0; d < DAYS; d++) {
                    for (int c = 0; c < CHANNELS.length; c++) {
                        double expected = expLeads[d] * LEAD_MIX[c];
                        long sessions = Math.max(1, Math.round(expected / SESSION_CONVERSION[c] * (0.9 + 0.2 * r.nextDouble())));
                        long engaged = Math.round(sessions * between(r, ENGAGED_SHARE[c]));
                        long pageViews = Math.max(sessions, Math.round(sessions * between(r, PAGES_PER_SESSION[c])));
                        long duration = Math.round(sessions * between(r, SECONDS_PER_SESSION[c]));
                        out.f(dayStr[d]).f(CHANNELS[c]).f(sessions).f(engaged).f(pageViews).f(duration).end();
                    }
                }
                count(out);
            }
        }

        private void writeCosts() throws IOException {
            SplittableRandom r = rng(SALT_COSTS);
            try (CsvSink out = sink("costs.csv")) {
                for (int m = 0; m < monthLabel.length; m++) {
                    double monthLeads = 0;
                    int firstDay = dayOf(monthFirstSec[m]);
                    int lastDay = dayOf(monthLastSec[m]);
                    for (int d = firstDay; d <= lastDay; d++) {
                        monthLeads += expLeads[d];
                    }
                    double yearShare = (lastDay - firstDay + 1) / (double) DAYS;
                    double progress = (firstDay + lastDay) / 2.0 / DAYS;
                    for (int i = 0; i < MARKETING_COST_CHANNEL.length; i++) {
                        double amount = monthLeads * MARKETING_COST_PER_LEAD[i] * (0.9 + 0.2 * r.nextDouble());
                        int channel = MARKETING_COST_CHANNEL[i];
                        out.f(monthLabel[m]).f("marketing").f(channel >= 0 ? CHANNELS[channel] : null)
                            .f(money(Math.round(amount * 100))).f(base).end();
                    }
                    double sales = SALES_COST_PER_LEAD_YEAR * leadCount * yearShare * (0.85 + 0.3 * progress)
                        * (0.98 + 0.04 * r.nextDouble());
                    out.f(monthLabel[m]).f("sales").f(null).f(money(Math.round(sales * 100))).f(base).end();
                    double other = OTHER_COST_PER_LEAD_YEAR * leadCount * yearShare * (0.95 + 0.1 * r.nextDouble());
                    out.f(monthLabel[m]).f("other").f(null).f(money(Math.round(other * 100))).f(base).end();
                }
                count(out);
            }
        }

        /** Quotas per owner and calendar quarter, set so that attainment (new + expansion bookings) is 65–115 %. */
        private void writeQuotas() throws IOException {
            SplittableRandom r = rng(SALT_QUOTAS);
            long total = 0;
            for (long[] owner : bookings) {
                for (long b : owner) {
                    total += b;
                }
            }
            long fallback = Math.max(1_000_00, roundQuota(total / (double) (OWNERS.length * quarterStart.length) / 0.9));
            try (CsvSink out = sink("quotas.csv")) {
                for (int o = 0; o < OWNERS.length; o++) {
                    for (int q = 0; q < quarterStart.length; q++) {
                        double attainment = 0.65 + 0.5 * r.nextDouble();
                        long quota = bookings[o][q] > 0 ? Math.max(100_00, roundQuota(bookings[o][q] / attainment)) : fallback;
                        LocalDate start = quarterStart[q];
                        out.f(OWNERS[o]).f(start.toString()).f(start.plusMonths(3).minusDays(1).toString())
                            .f(money(quota)).f(base).end();
                    }
                }
                count(out);
            }
        }

        private static long roundQuota(double cents) {
            long unit = cents >= 100_000_00 ? 1_000_00 : 100_00;
            return Math.round(cents / unit) * unit;
        }

        // ------------------------------------------------------------------------------------------ accounts

        private String accountId(int acc) {
            return pad("acc-", acc + 1, 6);
        }

        /**
         * Unique account name: the account index is scrambled by a bijection and read as mixed-radix digits
         * (ending, stem, tail, place, group), so two accounts never share a name.
         */
        private String accountName(int acc) {
            StringBuilder b = new StringBuilder(48);
            appendNameCore(b, acc, false);
            int country = accCountry[acc];
            String legal = country == 0 && accEmployees[acc] >= 1000 ? "AG" : LEGAL_FORMS[country];
            return b.append(' ').append(legal).toString();
        }

        private String accountDomain(int acc) {
            StringBuilder b = new StringBuilder(48);
            appendNameCore(b, acc, true);
            return b.append(TLDS[accCountry[acc]]).toString();
        }

        private void appendNameCore(StringBuilder b, int acc, boolean domain) {
            long k = (long) acc * nameStep % accountCount;
            int ending = (int) (k % 4);
            k /= 4;
            int stem = (int) (k % NAME_STEMS.length);
            k /= NAME_STEMS.length;
            int tail = (int) ((k % NAME_TAILS.length + 5L * stem + 7L * ending) % NAME_TAILS.length);
            k /= NAME_TAILS.length;
            int place = (int) (k % (NAME_PLACES.length + 1));
            int group = (int) (k / (NAME_PLACES.length + 1));
            String end = NAME_ENDINGS[accIndustry[acc]][ending];
            String groupName = group == 0 ? null : NAME_GROUPS[(group - 1) % NAME_GROUPS.length]
                + (group > NAME_GROUPS.length ? " " + ((group - 1) / NAME_GROUPS.length + 1) : "");
            if (domain) {
                b.append(STEM_SLUGS[stem]).append(NAME_TAILS[tail]).append('-')
                    .append(ENDING_SLUGS[accIndustry[acc]][ending]);
                if (place > 0) {
                    b.append('-').append(PLACE_SLUGS[place - 1]);
                }
                if (groupName != null) {
                    b.append('-').append(slug(groupName));
                }
            } else {
                b.append(NAME_STEMS[stem]).append(NAME_TAILS[tail]).append(' ').append(end);
                if (place > 0) {
                    b.append(' ').append(NAME_PLACES[place - 1]);
                }
                if (groupName != null) {
                    b.append(' ').append(groupName);
                }
            }
        }

        private String currencyOf(int acc) {
            return accCountry[acc] == US ? second : base;
        }

        private long toBase(long cents, String currency, int day) {
            return currency.equals(base) ? cents : Math.round(cents * (fxMicros[day] / 1_000_000.0));
        }

        // ------------------------------------------------------------------------------------------ helpers

        private CsvSink sink(String fileName) throws IOException {
            for (String[] file : FILES) {
                if (file[0].equals(fileName)) {
                    return new CsvSink(dir, fileName, file[1], pump);
                }
            }
            throw new IllegalArgumentException(fileName);
        }

        private void count(CsvSink... sinks) {
            for (CsvSink sink : sinks) {
                rows.put(sink.fileName(), sink.rows());
            }
        }

        private SplittableRandom rng(long salt) {
            return new SplittableRandom(mix(s.seed() * 0x9E3779B97F4A7C15L + salt * 0xD1B54A32D192ED03L));
        }

        private long secondOfBusinessDay(SplittableRandom r) {
            return pick(r, hourCum) * HOUR + r.nextLong(HOUR);
        }

        private int dayOf(long sec) {
            long d = Math.floorDiv(sec - startSec, DAY);
            return (int) Math.max(0, Math.min(DAYS - 1, d));
        }

        private int monthOf(long sec) {
            return dayMonth[dayOf(sec)];
        }

        private long monthly(long annualCents) {
            return (annualCents + 6) / 12; // half up
        }

        /** ISO-8601 UTC timestamp with Z on whole seconds (as {@link DateTimeFormatter#ISO_INSTANT}), null for none. */
        private String ts(long sec) {
            if (sec == NONE) {
                return null;
            }
            long d = Math.floorDiv(sec - startSec, DAY);
            if (d < 0 || d >= DAYS) {
                return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(sec));
            }
            int sod = (int) (sec - startSec - d * DAY);
            char[] c = new char[20];
            dayStr[(int) d].getChars(0, 10, c, 0);
            c[10] = 'T';
            two(c, 11, sod / 3600);
            c[13] = ':';
            two(c, 14, sod / 60 % 60);
            c[16] = ':';
            two(c, 17, sod % 60);
            c[19] = 'Z';
            return new String(c);
        }

        private String date(long sec) {
            long d = Math.floorDiv(sec - startSec, DAY);
            return d >= 0 && d < DAYS ? dayStr[(int) d] : LocalDate.ofEpochDay(Math.floorDiv(sec, DAY)).toString();
        }

        private static void two(char[] c, int at, int v) {
            c[at] = (char) ('0' + v / 10);
            c[at + 1] = (char) ('0' + v % 10);
        }

        private static LocalDate quarterStartOf(LocalDate date) {
            return LocalDate.of(date.getYear(), (date.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
        }

        /** Smallest step near 0.618 × n that is coprime with n: i → i × step mod n is then a bijection. */
        private static int coprimeStep(int n) {
            long step = Math.max(1, (long) (n * 0.6180339887));
            while (gcd(step, n) != 1) {
                step++;
            }
            return (int) step;
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long t = a % b;
                a = b;
                b = t;
            }
            return a;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
            z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
            return z ^ (z >>> 33);
        }

        private static double[] cum(double[] weights) {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double[] c = new double[weights.length];
            double run = 0;
            for (int i = 0; i < weights.length; i++) {
                run += weights[i];
                c[i] = run / total;
            }
            c[c.length - 1] = 1.0;
            return c;
        }

        private static int pick(SplittableRandom r, double[] cum) {
            double u = r.nextDouble();
            for (int i = 0; i < cum.length; i++) {
                if (u < cum[i]) {
                    return i;
                }
            }
            return cum.length - 1;
        }

        private static int logUniform(SplittableRandom r, int lo, int hi) {
            return (int) Math.round(Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.nextDouble()));
        }

        private static double between(SplittableRandom r, double[] range) {
            return range[0] + (range[1] - range[0]) * r.nextDouble();
        }

        private static String slug(String text) {
            return text.toLowerCase(Locale.ROOT).replace(' ', '-');
        }

        private static String pad(String prefix, long n, int width) {
            String digits = Long.toString(n);
            StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, digits.length()));
            b.append(prefix);
            for (int i = digits.length(); i < width; i++) {
                b.append('0');
            }
            return b.append(digits).toString();
        }

        /** Cents as an amount with exactly two decimals. */
        private static String money(long cents) {
            long abs = Math.abs(cents);
            long frac = abs % 100;
            return (cents < 0 ? "-" : "") + (abs / 100) + (frac < 10 ? ".0" : ".") + frac;
        }

        /** Micro-units as a rate with exactly six decimals. */
        private static String rate(long micros) {
            String frac = Long.toString(micros % 1_000_000);
            return (micros / 1_000_000) + "." + "000000".substring(frac.length()) + frac;
        }
    }

    /**
     * A Bernoulli draw nudged towards its running expectation: the count of hits stays within a few of the sum
     * of the probabilities for every prefix of the draws, so stage rates hold at any size and for any cohort.
     */
    private static final class Controller {
        private static final double GAIN = 0.25;
        private double expected;
        private long hits;

        boolean draw(SplittableRandom r, double p) {
            double q = Math.max(0, Math.min(1, p + GAIN * (expected - hits)));
            expected += p;
            boolean hit = r.nextDouble() < q;
            if (hit) {
                hits++;
            }
            return hit;
        }
    }
}
