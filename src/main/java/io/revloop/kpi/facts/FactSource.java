package io.revloop.kpi.facts;

import io.revloop.kpi.Dimension;
import java.util.Map;

/**
 * A table the daily facts are counted from: its FROM clause (with the joins its dimensions need),
 * the condition that leaves out soft-deleted rows, and the SQL of each dimension it can be broken
 * down by. A deal's channel, source and campaign are those of its primary lead; its owner is its own.
 */
public enum FactSource {
    /** Leads with the hub's score where it has one (lead_scores), else the source's own, and their email flags. */
    LEADS("leads l LEFT JOIN lead_scores ls ON ls.source = l.source AND ls.lead_external_id = l.external_id",
            "l.deleted_at IS NULL", KpiInput.CRM, Map.of(
            Dimension.CHANNEL, "l.channel",
            Dimension.SOURCE, "l.lead_source",
            Dimension.CAMPAIGN, "l.campaign_external_id",
            Dimension.OWNER, "l.owner",
            Dimension.SCORE_BAND, FactSource.SCORE_BAND_OF_LEAD)),
    /**
     * Touchpoints with their lead: dimensions are the lead's, so they add up with lead counts. Leads
     * come first: HSQLDB drives a join from its first table, and the measures here select few leads
     * (customers), each then finding its touches through the index on touchpoints(lead_external_id).
     */
    LEAD_TOUCHPOINTS("leads l JOIN touchpoints t ON t.source = l.source AND t.lead_external_id = l.external_id "
            + "LEFT JOIN lead_scores ls ON ls.source = l.source AND ls.lead_external_id = l.external_id",
            "t.deleted_at IS NULL AND l.deleted_at IS NULL", KpiInput.CRM, LEADS.dimensions),
    DEALS("deals d LEFT JOIN leads l ON l.source = d.source AND l.external_id = d.lead_external_id "
            + "AND l.deleted_at IS NULL", "d.deleted_at IS NULL", KpiInput.CRM, Map.of(
            Dimension.CHANNEL, "l.channel",
            Dimension.SOURCE, "l.lead_source",
            Dimension.CAMPAIGN, "l.campaign_external_id",
            Dimension.OWNER, "d.owner")),
    AD_SPEND("ad_spend a", "a.deleted_at IS NULL", KpiInput.AD_SPEND, Map.of(
            Dimension.CHANNEL, "a.channel",
            Dimension.SOURCE, AdPlatformSource.SQL,
            Dimension.CAMPAIGN, "a.campaign_external_id")),
    COSTS("costs c", "c.deleted_at IS NULL", KpiInput.COSTS, Map.of(Dimension.CHANNEL, "c.channel")),
    /** Targets set ahead of their periods: no input whose newest day a period waits for. */
    QUOTAS("quotas q", "q.deleted_at IS NULL", null, Map.of(Dimension.OWNER, "q.owner")),
    WEB_TRAFFIC("web_traffic w", "w.deleted_at IS NULL", KpiInput.WEB_TRAFFIC, Map.of(Dimension.CHANNEL, "w.channel")),
    SURVEYS("survey_responses r", "r.deleted_at IS NULL", KpiInput.SURVEYS, Map.of());

    /**
     * Bands of the lead scoring model: 0–39, 40–69, 70–89, 90–100. HSQLDB types a CASE of
     * literals as CHAR of the longest and pads the others: hence the casts.
     */
    static final String SCORE_BAND_OF_LEAD = "CASE WHEN COALESCE(ls.score, l.score) IS NULL THEN NULL "
            + "WHEN COALESCE(ls.score, l.score) >= 90 THEN CAST('hot' AS VARCHAR(16)) "
            + "WHEN COALESCE(ls.score, l.score) >= 70 THEN CAST('sql' AS VARCHAR(16)) "
            + "WHEN COALESCE(ls.score, l.score) >= 40 THEN CAST('mql' AS VARCHAR(16)) "
            + "ELSE CAST('not_qualified' AS VARCHAR(16)) END";

    private final String from;
    private final String live;
    private final KpiInput input;
    private final Map<Dimension, String> dimensions;

    FactSource(String from, String live, KpiInput input, Map<Dimension, String> dimensions) {
        this.from = from;
        this.live = live;
        this.input = input;
        this.dimensions = dimensions;
    }

    /** The input whose newest day the periods of this table's facts wait for; null for quotas. */
    public KpiInput input() {
        return input;
    }

    public String from() {
        return from;
    }

    public String live() {
        return live;
    }

    public Map<Dimension, String> dimensions() {
        return dimensions;
    }
}
