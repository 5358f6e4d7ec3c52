package io.revloop.kpi.attribution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows written straight into the canonical tables for the attribution scenarios, all of source
 * {@code files}. Timestamps are instants ("2026-03-20T12:00:00Z").
 */
final class CanonicalRows {

    static final List<String> TABLES = List.of("leads", "deals", "touchpoints", "ad_spend", "costs", "campaigns",
            "fx_rates", "kpi_fx_daily");
    private static final String SOURCE = "files";
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-30T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final List<Object[]> pendingLeads = new ArrayList<>();

    CanonicalRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void clear() {
        TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
    }

    /** Leads are written in one batch by {@link #flushLeads()} (or before the next deal or touch). */
    CanonicalRows lead(String id, String createdAt, String channel, String leadSource, String campaign, String account) {
        pendingLeads.add(new Object[] {SOURCE, id, time(createdAt), channel, leadSource, campaign, account, NOW});
        return this;
    }

    CanonicalRows deletedLead(String id, String createdAt, String channel) {
        flushLeads();
        jdbc.update("INSERT INTO leads (source, external_id, created_at, channel, deleted_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", SOURCE, id, time(createdAt), channel, NOW, NOW);
        return this;
    }

    void flushLeads() {
        jdbc.batchUpdate("INSERT INTO leads (source, external_id, created_at, channel, lead_source, campaign_external_id,"
                + " account_external_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", pendingLeads);
        pendingLeads.clear();
    }

    CanonicalRows wonDeal(String id, String lead, String account, String amount, String currency, String createdAt,
                          String closedAt) {
        return deal(id, lead, account, amount, currency, createdAt, closedAt, true, false);
    }

    CanonicalRows deal(String id, String lead, String account, String amount, String currency, String createdAt,
                       String closedAt, Boolean won, boolean deleted) {
        flushLeads();
        jdbc.update("INSERT INTO deals (source, external_id, lead_external_id, account_external_id, amount, currency,"
                + " created_at, closed_at, is_won, deleted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                SOURCE, id, lead, account, new BigDecimal(amount), currency, time(createdAt), time(closedAt), won,
                deleted ? NOW : null, NOW);
        return this;
    }

    /** Sets the type (new, expansion, renewal) of a deal written before. */
    CanonicalRows dealType(String id, String type) {
        jdbc.update("UPDATE deals SET deal_type = ? WHERE source = ? AND external_id = ?", type, SOURCE, id);
        return this;
    }

    /** A touch of {@code lead}: channel, GA-style source and campaign may be null. */
    CanonicalRows touch(String id, String lead, String occurredAt, String channel, String touchSource, String campaign) {
        return touch(id, lead, occurredAt, channel, touchSource, campaign, false);
    }

    CanonicalRows touch(String id, String lead, String occurredAt, String channel, String touchSource, String campaign,
                        boolean deleted) {
        flushLeads();
        jdbc.update("INSERT INTO touchpoints (source, external_id, lead_external_id, occurred_at, channel, touch_source,"
                + " campaign_external_id, deleted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                SOURCE, id, lead, time(occurredAt), channel, touchSource, campaign, deleted ? NOW : null, NOW);
        return this;
    }

    CanonicalRows campaign(String id, String channel, String platform) {
        jdbc.update("INSERT INTO campaigns (source, external_id, channel, platform, updated_at) VALUES (?, ?, ?, ?, ?)",
                SOURCE, id, channel, platform, NOW);
        return this;
    }

    CanonicalRows adSpend(String date, String platform, String campaign, String channel, String cost, String currency) {
        return adSpend(date, platform, campaign, channel, cost, currency, false);
    }

    CanonicalRows adSpend(String date, String platform, String campaign, String channel, String cost, String currency,
                          boolean deleted) {
        jdbc.update("INSERT INTO ad_spend (source, external_id, spend_date, platform, campaign_external_id, channel,"
                + " cost, currency, deleted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                SOURCE, date + "|" + platform + "|" + campaign, LocalDate.parse(date), platform, campaign, channel,
                new BigDecimal(cost), currency, deleted ? NOW : null, NOW);
        return this;
    }

    CanonicalRows cost(String month, String category, String channel, String amount, String currency) {
        jdbc.update("INSERT INTO costs (source, external_id, month_start, category, channel, amount, currency, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", SOURCE, month + "|" + category + "|" + channel,
                LocalDate.parse(month), category, channel, new BigDecimal(amount), currency, NOW);
        return this;
    }

    CanonicalRows fxRate(String date, String currency, String rate) {
        jdbc.update("INSERT INTO fx_rates (source, external_id, rate_date, currency, rate, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", SOURCE, date + "|" + currency, LocalDate.parse(date), currency,
                new BigDecimal(rate), NOW);
        return this;
    }

    private static OffsetDateTime time(String instant) {
        return instant == null ? null : Instant.parse(instant).atOffset(ZoneOffset.UTC);
    }
}
