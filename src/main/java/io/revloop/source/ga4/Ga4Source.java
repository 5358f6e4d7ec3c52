package io.revloop.source.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revloop.RevloopProperties;
import io.revloop.model.CanonicalRecord;
import io.revloop.model.CanonicalRow;
import io.revloop.model.Channel;
import io.revloop.model.Entity;
import io.revloop.model.ValueParser;
import io.revloop.source.http.HttpJsonClient;
import io.revloop.source.http.OAuthToken;
import io.revloop.source.http.RemoteJson;
import io.revloop.source.http.RetryPolicy;
import io.revloop.source.http.TokenBucket;
import io.revloop.store.DeadLetter;
import io.revloop.store.SyncStateRepository;
import io.revloop.sync.BatchWriter;
import io.revloop.sync.RunCounts;
import io.revloop.sync.SourceRecord;
import io.revloop.sync.SourceSchedule;
import io.revloop.sync.SyncSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * GA4: sessions, engaged sessions, page views, engagement time and key events per day and default
 * channel group through the Data API's {@code runReport}, paged by offset, as a service account.
 * Rows come by date × channel group × source × medium × campaign and are summed per date × canonical
 * channel into {@code web_traffic} (every session counted once); the source / medium / campaign
 * breakdown is kept with the row. Each run re-reads {@code lookback-days} (GA4 data settles for a few
 * days) and overwrites them. The property's quota ({@code returnPropertyQuota}) is read with every
 * page: below {@code min-remaining-tokens} the run stops before using it up, writes nothing and is
 * retried by the next run.
 */
@Component
public class Ga4Source implements SyncSource {

    static final String NAME = "ga4";
    private static final Logger log = LoggerFactory.getLogger(Ga4Source.class);
    private static final String SCOPE = "https://www.googleapis.com/auth/analytics.readonly";
    private static final int MAX_BREAKDOWN = 50;
    private static final List<String> DIMENSIONS = List.of("date", "sessionDefaultChannelGroup", "sessionSource",
            "sessionMedium", "sessionCampaignName");
    private static final List<String> METRICS = List.of("sessions", "engagedSessions", "screenPageViews",
            "userEngagementDuration", "keyEvents");

    private final Ga4Properties settings;
    private final ProducerTemplate template;
    private final ObjectMapper json;
    private final RemoteJson remote;
    private final JdbcTemplate jdbc;
    private final BatchWriter writer;
    private final SyncStateRepository state;
    private final ValueParser parser;
    private final ZoneId zone;

    public Ga4Source(Ga4Properties settings, ProducerTemplate template, ObjectMapper json, RemoteJson remote,
                     JdbcTemplate jdbc, BatchWriter writer, SyncStateRepository state, RevloopProperties properties) {
        this.settings = settings;
        this.template = template;
        this.json = json;
        this.remote = remote;
        this.jdbc = jdbc;
        this.writer = writer;
        this.state = state;
        this.parser = new ValueParser(properties.timeZone(), properties.baseCurrency());
        this.zone = properties.timeZone();
        settings.channels().forEach((group, channel) -> Channel.require("revloop.sources.ga4.channels." + group, channel));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceSchedule scheduling() {
        return settings;
    }

    @Override
    public boolean hasPendingWork() {
        return true;
    }

    /** A day and channel summed over GA4's rows. */
    private static final class DayChannel {
        final String date;
        final String channel;
        long sessions;
        long engaged;
        long views;
        BigDecimal seconds = BigDecimal.ZERO;
        BigDecimal keyEvents = BigDecimal.ZERO;
        final Map<String, Long> breakdown = new LinkedHashMap<>();

        DayChannel(String date, String channel) {
            this.date = date;
            this.channel = channel;
        }
    }

    @Override
    public List<String> sync(long runId) throws InterruptedException {
        String property = settings.propertyId().replaceFirst("^properties/", "");
        HttpJsonClient client = client(new RetryPolicy(settings.maxRetries(), settings.backoff(),
                settings.maxBackoff()));
        String stream = "property:" + property;
        LocalDate today = LocalDate.now(zone);
        LocalDate from = state.reportWindowStart(NAME, stream, today, settings.lookbackDays(), settings.initialDays());
        Map<String, DayChannel> days = new LinkedHashMap<>();
        List<DeadLetter> refused = new ArrayList<>();
        long read = 0;
        String timeZone = null;
        for (long offset = 0; ; ) {
            JsonNode page = client.post("/v1beta/properties/" + property + ":runReport", request(from, today, offset));
            timeZone = page.at("/metadata/timeZone").asText(timeZone);
            JsonNode rows = page.path("rows");
            for (JsonNode row : rows) {
                read++;
                String problem = add(days, row);
                if (problem != null) {
                    refused.add(new DeadLetter(null, runId, NAME, Entity.WEB_TRAFFIC.fileName(), "runReport", null,
                            "ga4 row: " + problem, row.toString(), OffsetDateTime.now()));
                }
            }
            offset += rows.size();
            if (rows.isEmpty() || offset >= page.path("rowCount").asLong()) {
                break;
            }
            String lowQuota = lowQuota(page.path("propertyQuota"));
            if (lowQuota != null) {
                log.warn("ga4 run {}: {}; stopped after {} of {} rows, nothing written", runId, lowQuota, offset,
                        page.path("rowCount").asLong());
                return List.of("GA4 quota nearly used up (" + lowQuota + "): stopped before the report was complete; "
                        + "the next run reads it again");
            }
        }
        RunCounts counts = write(runId, stream, from, today, days, refused, read, timeZone);
        log.info("ga4 run {}: property {} from {} to {}: {} rows read, {} day×channel rows upserted, {} deleted, "
                + "{} dead-lettered", runId, property, from, today, counts.recordsRead(), counts.upserted(),
                counts.deleted(), counts.deadLettered());
        return List.of();
    }

    private Map<String, Object> request(LocalDate from, LocalDate to, long offset) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dateRanges", List.of(Map.of("startDate", from.toString(), "endDate", to.toString())));
        body.put("dimensions", DIMENSIONS.stream().map(name -> Map.of("name", name)).toList());
        body.put("metrics", METRICS.stream().map(name -> Map.of("name", name)).toList());
        body.put("orderBys", List.of(Map.of("dimension", Map.of("dimensionName", "date"))));
        body.put("offset", offset);
        body.put("limit", settings.pageSize());
        body.put("returnPropertyQuota", true);
        return body;
    }

    /** Adds a row to its day and channel; returns what is wrong with it, or null. */
    private String add(Map<String, DayChannel> days, JsonNode row) {
        JsonNode dims = row.path("dimensionValues");
        JsonNode mets = row.path("metricValues");
        String date = dims.path(0).path("value").asText("");
        if (!date.matches("\\d{8}")) {
            return "date '" + date + "' is not a GA4 date (YYYYMMDD)";
        }
        String iso = date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6);
        long sessions;
        long engaged;
        long views;
        BigDecimal seconds;
        BigDecimal keyEvents;
        try {
            sessions = Long.parseLong(mets.path(0).path("value").asText());
            engaged = Long.parseLong(mets.path(1).path("value").asText());
            views = Long.parseLong(mets.path(2).path("value").asText());
            seconds = new BigDecimal(mets.path(3).path("value").asText());
            keyEvents = new BigDecimal(mets.path(4).path("value").asText());
        } catch (NumberFormatException e) {
            return "a metric is not a number (" + mets + ")";
        }
        if (sessions < 0 || engaged < 0 || views < 0 || seconds.signum() < 0) {
            return "negative metric (" + mets + ")";
        }
        String group = dims.path(1).path("value").asText("");
        String channel = settings.channels().getOrDefault(group, settings.defaultChannel());
        DayChannel day = days.computeIfAbsent(iso + "|" + channel, key -> new DayChannel(iso, channel));
        day.sessions += sessions;
        day.engaged += engaged;
        day.views += views;
        day.seconds = day.seconds.add(seconds);
        day.keyEvents = day.keyEvents.add(keyEvents);
        String utm = dims.path(2).path("value").asText("") + " / " + dims.path(3).path("value").asText("") + " / "
                + dims.path(4).path("value").asText("");
        if (day.breakdown.size() < MAX_BREAKDOWN || day.breakdown.containsKey(utm)) {
            day.breakdown.merge(utm, sessions, Long::sum);
        }
        return null;
    }

    private RunCounts write(long runId, String stream, LocalDate from, LocalDate to, Map<String, DayChannel> days,
                            List<DeadLetter> refused, long read, String timeZone) {
        List<SourceRecord> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (DayChannel day : days.values()) {
            ObjectNode extra = json.createObjectNode();
            extra.put("key_events", day.keyEvents);
            if (timeZone != null) {
                extra.put("time_zone", timeZone);
            }
            ObjectNode breakdown = extra.putObject("sessions_by_source_medium_campaign");
            day.breakdown.forEach(breakdown::put);
            try {
                CanonicalRow row = new CanonicalRecord(Entity.WEB_TRAFFIC).set("date", day.date).set("channel", day.channel)
                        .set("sessions", Long.toString(day.sessions)).set("engaged_sessions", Long.toString(day.engaged))
                        .set("page_views", Long.toString(day.views))
                        .set("total_duration_seconds", day.seconds.setScale(0, RoundingMode.HALF_UP).toPlainString())
                        .build(parser, null, extra.toString());
                seen.add(row.externalId());
                records.add(new SourceRecord(row, NAME, null, extra::toString));
            } catch (ValueParser.BadValueException | IllegalArgumentException bad) {
                refused.add(new DeadLetter(null, runId, NAME, Entity.WEB_TRAFFIC.fileName(), "runReport", null,
                        "ga4 " + day.date + " " + day.channel + ": " + bad.getMessage(), extra.toString(),
                        OffsetDateTime.now()));
            }
        }
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.query("SELECT traffic_date, channel, sessions, engaged_sessions, page_views, total_duration_seconds, extra, "
                + "external_id FROM web_traffic WHERE source = ? AND traffic_date >= ? AND traffic_date <= ? "
                + "AND deleted_at IS NULL", rs -> {
            if (!seen.contains(rs.getString(8))) {
                CanonicalRow gone = new CanonicalRecord(Entity.WEB_TRAFFIC).set("date", rs.getObject(1, LocalDate.class).toString())
                        .set("channel", rs.getString(2)).set("sessions", rs.getString(3)).set("engaged_sessions", rs.getString(4))
                        .set("page_views", rs.getString(5)).set("total_duration_seconds", rs.getString(6))
                        .build(parser, now, rs.getString(7));
                records.add(new SourceRecord(gone, NAME, null, () -> "no longer reported by GA4"));
            }
        }, NAME, from, to);
        return writer.commit(new BatchWriter.Batch(runId, NAME, Entity.WEB_TRAFFIC, read, records, refused, stream,
                to.toString()), CompletableFuture.completedFuture(null));
    }

    /** What is nearly used up of the property's quota, or null. */
    private String lowQuota(JsonNode quota) {
        for (String kind : List.of("tokensPerDay", "tokensPerHour", "tokensPerProjectPerHour")) {
            JsonNode remaining = quota.path(kind).path("remaining");
            if (remaining.isNumber() && remaining.asLong() < settings.minRemainingTokens()) {
                return kind + " remaining " + remaining.asLong();
            }
        }
        return null;
    }

    /** The API's client with {@code retry}: a run's, or a connection check's. */
    HttpJsonClient client(RetryPolicy retry) {
        String hint = "check revloop.sources.ga4.credentials-file (a service account key) and that the service "
                + "account's email is a Viewer of the GA4 property";
        ServiceAccountAssertion assertion = new ServiceAccountAssertion(settings.credentialsFile(), json,
                settings.tokenUrl(), SCOPE);
        return new HttpJsonClient(template, new HttpJsonClient.Settings("GA4", URI.create(settings.baseUrl()),
                settings.timeout(), settings.timeout(),
                retry, hint),
                new OAuthToken(template, remote, settings.tokenUrl(), assertion::form, settings.timeout(), hint),
                new TokenBucket(5, 5), remote);
    }

}
