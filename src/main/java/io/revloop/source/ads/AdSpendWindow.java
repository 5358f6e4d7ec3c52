package io.revloop.source.ads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revloop.model.CanonicalRecord;
import io.revloop.model.CanonicalRow;
import io.revloop.model.Entity;
import io.revloop.model.ValueParser;
import io.revloop.store.DeadLetter;
import io.revloop.sync.BatchWriter;
import io.revloop.sync.RunCounts;
import io.revloop.sync.SourceRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run's daily rows of one ad account for a window of days: written in batches, then every row of
 * the window the platform no longer reports is marked deleted — so after a run the store holds exactly
 * the platform's numbers for those days. A re-read of the window (conversions and costs are restated
 * for weeks) overwrites; it never adds. The last batch carries the stream's cursor (the window's end).
 */
public final class AdSpendWindow {

    private final BatchWriter writer;
    private final JdbcTemplate jdbc;
    private final ValueParser parser;
    private final ObjectMapper json;
    private final String source;
    private final String platform;
    private final long runId;
    private final LocalDate from;
    private final LocalDate to;
    private final int batchSize;
    private final CampaignKey campaignKey;
    private final List<SourceRecord> pending = new ArrayList<>();
    private final List<DeadLetter> refused = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long read;
    private RunCounts committed = RunCounts.NONE;

    /** {@code source}: the hub's source name ({@code google-ads}); {@code platform}: the {@code ad_spend.platform} value. */
    public AdSpendWindow(BatchWriter writer, JdbcTemplate jdbc, ValueParser parser, ObjectMapper json, String source,
                         String platform, long runId, LocalDate from, LocalDate to, int batchSize,
                         CampaignKey campaignKey) {
        this.writer = writer;
        this.jdbc = jdbc;
        this.parser = parser;
        this.json = json;
        this.source = source;
        this.platform = platform;
        this.runId = runId;
        this.from = from;
        this.to = to;
        this.batchSize = batchSize;
        this.campaignKey = campaignKey;
    }

    /**
     * What {@code ad_spend.campaign_id} holds — the value CRM campaigns and UTM tags must carry for
     * spend and leads to meet per campaign: the platform's campaign {@code id} (stable; UTM tags filled
     * by the platform's {campaignid} macro) or its {@code name} (for UTM tags written by hand).
     */
    public enum CampaignKey {
        ID, NAME
    }

    /** A day as reported; a value the model cannot read dead-letters it with {@code payload}. */
    public void add(AdSpendDay day, String payload) {
        read++;
        try {
            boolean byName = campaignKey == CampaignKey.NAME && day.campaignName() != null && !day.campaignName().isBlank();
            CanonicalRow row = new CanonicalRecord(Entity.AD_SPEND).set("date", day.date()).set("platform", platform)
                    .set("campaign_id", byName ? day.campaignName() : day.campaignId()).set("channel", day.channel())
                    .set("impressions", day.impressions()).set("clicks", day.clicks()).set("cost", day.cost())
                    .set("currency", day.currency()).set("conversions", day.conversions())
                    .build(parser, null, extra(byName ? day.campaignId() : null, day.campaignName(), day.timeZone()));
            seen.add(row.externalId());
            pending.add(new SourceRecord(row, platform, null, () -> payload));
        } catch (ValueParser.BadValueException | IllegalArgumentException bad) {
            refuse(platform + " campaign " + day.campaignId() + " on " + day.date() + ": " + bad.getMessage(), payload);
            return;
        }
        if (pending.size() + refused.size() >= batchSize) {
            flush(null, null);
        }
    }

    /** A record that is not a day at all (a field missing, a number that is none). */
    public void refuse(String reason, String payload) {
        refused.add(new DeadLetter(null, runId, source, Entity.AD_SPEND.fileName(), platform, null, reason, payload,
                OffsetDateTime.now()));
    }

    /** Counts a record read that was dead-lettered by the caller ({@link #refuse}). */
    public void countRead() {
        read++;
    }

    /** Marks the window's days no longer reported as deleted and commits the rest with the stream's cursor. */
    public RunCounts finish(String stream, String cursor) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.query("SELECT spend_date, campaign_external_id, channel, impressions, clicks, cost, currency, conversions, "
                + "extra, external_id FROM ad_spend WHERE source = ? AND platform = ? AND spend_date >= ? "
                + "AND spend_date <= ? AND deleted_at IS NULL", rs -> {
            if (!seen.contains(rs.getString(10))) {
                CanonicalRow gone = new CanonicalRecord(Entity.AD_SPEND).set("date", rs.getObject(1, LocalDate.class).toString())
                        .set("platform", platform).set("campaign_id", rs.getString(2)).set("channel", rs.getString(3))
                        .set("impressions", text(rs.getObject(4))).set("clicks", text(rs.getObject(5)))
                        .set("cost", rs.getBigDecimal(6).toPlainString()).set("currency", rs.getString(7))
                        .set("conversions", rs.getBigDecimal(8) == null ? null : rs.getBigDecimal(8).toPlainString())
                        .build(parser, now, rs.getString(9));
                pending.add(new SourceRecord(gone, platform, null, () -> "no longer reported by " + platform));
            }
        }, source, platform, from, to);
        flush(stream, cursor);
        return committed;
    }

    private void flush(String stream, String cursor) {
        committed = committed.plus(writer.commit(new BatchWriter.Batch(runId, source, Entity.AD_SPEND, read,
                List.copyOf(pending), List.copyOf(refused), stream, cursor), CompletableFuture.completedFuture(null)));
        pending.clear();
        refused.clear();
        read = 0;
    }

    private String extra(String platformCampaignId, String campaignName, String timeZone) {
        ObjectNode extra = json.createObjectNode();
        if (platformCampaignId != null) {
            extra.put("platform_campaign_id", platformCampaignId);
        }
        if (campaignName != null) {
            extra.put("campaign_name", campaignName);
        }
        if (timeZone != null) {
            extra.put("time_zone", timeZone);
        }
        return extra.isEmpty() ? null : extra.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }
}
