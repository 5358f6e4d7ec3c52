package io.revloop.kpi.facts;

import io.revloop.kpi.Dimension;
import java.util.Map;

/**
 * A table the daily facts are counted from: its FROM clause (with the joins its dimensions need),
 * the condition that leaves out soft-deleted rows, and the SQL of each dimension it can be broken
 * down by. A deal's channel, source and campaign are those of its primary lead; its owner is its own.
 */
public enum FactSource {
    /** Leads with the hub's score where it has one (lead_scores), else the source's own. */
    LEADS("leads l LEFT JOIN lead_scores ls ON ls.source = l.source AND ls.lead_external_id = l.external_id",
            "l.deleted_at IS NULL", Map.of(
            Dimension.CHANNEL, "l.channel",
            Dimension.SOURCE, "l.lead_source",
            Dimension.CAMPAIGN, "l.campaign_external_id",
            Dimension.OWNER, "l.owner",
            Dimension.SCORE_BAND, FactSource.SCORE_BAND_OF_LEAD)),
    /**
     * Leads that got email (a touch of type email_*), with whether they replied (email_reply): the
     * email touches are aggregated once and joined, not looked up per lead. Bounded to a first day,
     * only the touches of the leads created since, found from those leads through the indexes.
     */
    EMAILED_LEADS("leads l JOIN (SELECT t.source, t.lead_external_id, MAX(CASE WHEN t.touch_type = 'email_reply' "
            + "THEN 1 ELSE 0 END) AS replied FROM " + FactSource.EMAIL_TOUCHES + " AND t.touch_type LIKE 'email%' "
            + "GROUP BY t.source, t.lead_external_id) em ON em.source = l.source "
            + "AND em.lead_external_id = l.external_id "
            + "LEFT JOIN lead_scores ls ON ls.source = l.source AND ls.lead_external_id = l.external_id",
            "l.deleted_at IS NULL", LEADS.dimensions),
    /**
     * Touchpoints with their lead: dimensions are the lead's, so they add up with lead counts. Leads
     * come first: HSQLDB drives a join from its first table, and the measures here select few leads
     * (customers), each then finding its touches through the index on touchpoints(lead_external_id).
     */
    LEAD_TOUCHPOINTS("leads l JOIN touchpoints t ON t.source = l.source AND t.lead_external_id = l.external_id "
            + "LEFT JOIN lead_scores ls ON ls.source = l.source AND ls.lead_external_id = l.external_id",
            "t.deleted_at IS NULL AND l.deleted_at IS NULL", LEADS.dimensions),
    DEALS("deals d LEFT JOIN leads l ON l.source = d.source AND l.external_id = d.lead_external_id "
            + "AND l.deleted_at IS NULL", "d.deleted_at IS NULL", Map.of(
            Dimension.CHANNEL, "l.channel",
            Dimension.SOURCE, "l.lead_source",
            Dimension.CAMPAIGN, "l.campaign_external_id",
            Dimension.OWNER, "d.owner")),
    AD_SPEND("ad_spend a", "a.deleted_at IS NULL", Map.of(
            Dimension.CHANNEL, "a.channel",
            Dimension.SOURCE, AdPlatformSource.SQL,
            Dimension.CAMPAIGN, "a.campaign_external_id")),
    COSTS("costs c", "c.deleted_at IS NULL", Map.of(Dimension.CHANNEL, "c.channel")),
    QUOTAS("quotas q", "q.deleted_at IS NULL", Map.of(Dimension.OWNER, "q.owner")),
    WEB_TRAFFIC("web_traffic w", "w.deleted_at IS NULL", Map.of(Dimension.CHANNEL, "w.channel")),
    SURVEYS("survey_responses r", "r.deleted_at IS NULL", Map.of());

    /**
     * Bands of the lead scoring model: 0–39, 40–69, 70–89, 90–100. HSQLDB types a CASE of
     * literals as CHAR of the longest and pads the others: hence the casts.
     */
    static final String SCORE_BAND_OF_LEAD = "CASE WHEN COALESCE(ls.score, l.score) IS NULL THEN NULL "
            + "WHEN COALESCE(ls.score, l.score) >= 90 THEN CAST('hot' AS VARCHAR(16)) "
            + "WHEN COALESCE(ls.score, l.score) >= 70 THEN CAST('sql' AS VARCHAR(16)) "
            + "WHEN COALESCE(ls.score, l.score) >= 40 THEN CAST('mql' AS VARCHAR(16)) "
            + "ELSE CAST('not_qualified' AS VARCHAR(16)) END";

    /** Where {@link #EMAILED_LEADS} reads the touches from: all of them, or those of the leads created since a day. */
    private static final String EMAIL_TOUCHES = "{email touches}";

    private final String from;
    private final String live;
    private final Map<Dimension, String> dimensions;

    FactSource(String from, String live, Map<Dimension, String> dimensions) {
        this.from = from;
        this.live = live;
        this.dimensions = dimensions;
    }

    /**
     * The FROM clause. {@code bounded}: the rows counted are those anchored on a first day or later,
     * and a source that can narrow its joins to them takes that day's first instant as a parameter.
     */
    public String from(boolean bounded) {
        return from.replace(EMAIL_TOUCHES, bounded ? "leads nl JOIN touchpoints t ON t.source = nl.source "
                + "AND t.lead_external_id = nl.external_id WHERE nl.created_at >= ? AND t.deleted_at IS NULL" : "touchpoints t WHERE t.deleted_at IS NULL");
    }

    /** Whether {@link #from(boolean) from(true)} takes the first instant as a parameter. */
    public boolean takesBoundInFrom() {
        return from.contains(EMAIL_TOUCHES);
    }

    public String live() {
        return live;
    }

    public Map<Dimension, String> dimensions() {
        return dimensions;
    }
}
