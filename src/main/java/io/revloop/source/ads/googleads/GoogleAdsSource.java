package io.revloop.source.ads.googleads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
import io.revloop.model.Channel;
import io.revloop.model.ValueParser;
import io.revloop.source.ads.AdSpendDay;
import io.revloop.source.ads.AdSpendWindow;
import io.revloop.source.http.HttpJsonClient;
import io.revloop.source.http.OAuthToken;
import io.revloop.source.http.RemoteJson;
import io.revloop.source.http.RetryPolicy;
import io.revloop.source.http.TokenBucket;
import io.revloop.store.SyncStateRepository;
import io.revloop.sync.BatchWriter;
import io.revloop.sync.RunCounts;
import io.revloop.sync.SourceSchedule;
import io.revloop.sync.SyncSource;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Google Ads: daily cost, clicks, impressions and conversions per campaign through
 * {@code customers/{id}/googleAds:searchStream} (GAQL), OAuth refresh token + developer token; the
 * stream's batches are read one at a time (each at most {@code revloop.http.max-document-size}). Each
 * run reads from {@code lookback-days} before the last run's end (the conversion window: Google restates
 * conversions and invalid clicks for weeks) to today, and overwrites those days.
 */
@Component
public class GoogleAdsSource implements SyncSource {

    static final String NAME = "google-ads";
    static final String PLATFORM = "google_ads";
    private static final Logger log = LoggerFactory.getLogger(GoogleAdsSource.class);
    private static final String FIELDS = "customer.currency_code, customer.time_zone, campaign.id, campaign.name, "
            + "campaign.advertising_channel_type, segments.date, metrics.cost_micros, metrics.clicks, "
            + "metrics.impressions, metrics.conversions";

    private final GoogleAdsProperties settings;
    private final ProducerTemplate template;
    private final ObjectMapper json;
    private final RemoteJson remote;
    private final JdbcTemplate jdbc;
    private final BatchWriter writer;
    private final SyncStateRepository state;
    private final ValueParser parser;
    private final ZoneId zone;

    public GoogleAdsSource(GoogleAdsProperties settings, ProducerTemplate template, ObjectMapper json,
                           RemoteJson remote, JdbcTemplate jdbc, BatchWriter writer, SyncStateRepository state,
                           RevloopProperties properties) {
        this.settings = settings;
        this.template = template;
        this.json = json;
        this.remote = remote;
        this.jdbc = jdbc;
        this.writer = writer;
        this.state = state;
        this.parser = new ValueParser(properties.timeZone(), properties.baseCurrency());
        this.zone = properties.timeZone();
        settings.channels().forEach((type, channel) -> Channel.require("revloop.sources.google-ads.channels." + type,
                channel));
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

    @Override
    public List<String> sync(long runId) throws InterruptedException {
        String customer = settings.customerId().replace("-", "");
        HttpJsonClient client = client(new RetryPolicy(settings.maxRetries(), settings.backoff(),
                settings.maxBackoff()));
        LocalDate today = LocalDate.now(zone);
        String stream = "customer:" + customer;
        LocalDate from = state.reportWindowStart(NAME, stream, today, settings.lookbackDays(), settings.initialDays());
        String query = "SELECT " + FIELDS + " FROM campaign WHERE segments.date BETWEEN '" + from + "' AND '" + today
                + "' ORDER BY segments.date";
        AdSpendWindow window = new AdSpendWindow(writer, jdbc, parser, json, NAME, PLATFORM, runId, from, today,
                settings.batchSize(), settings.campaignKey());
        // the answer is an array of batches (up to 10 000 rows each): one batch is read and handed on at a time
        client.postForEach("/" + settings.apiVersion() + "/customers/" + customer + "/googleAds:searchStream",
                Map.of("query", query), batch -> batch.path("results").forEach(result -> add(window, result)));
        RunCounts counts = window.finish(stream, today.toString());
        log.info("google-ads run {}: customer {} from {} to {}: {} rows read, {} upserted, {} deleted, {} dead-lettered",
                runId, customer, from, today, counts.recordsRead(), counts.upserted(), counts.deleted(), counts.deadLettered());
        return List.of();
    }

    private void add(AdSpendWindow window, JsonNode result) {
        String payload = result.toString();
        String costMicros = text(result.at("/metrics/costMicros"));
        String cost;
        try {
            cost = costMicros == null ? "0" : new BigDecimal(costMicros).movePointLeft(6).toPlainString();
        } catch (NumberFormatException e) {
            window.countRead();
            window.refuse("google_ads campaign " + text(result.at("/campaign/id")) + ": cost_micros '" + costMicros
                    + "' is not a number", payload);
            return;
        }
        String type = text(result.at("/campaign/advertisingChannelType"));
        String channel = type == null ? settings.defaultChannel()
                : settings.channels().getOrDefault(type.toUpperCase(Locale.ROOT), settings.defaultChannel());
        window.add(new AdSpendDay(text(result.at("/segments/date")), text(result.at("/campaign/id")),
                text(result.at("/campaign/name")), channel, orZero(result.at("/metrics/impressions")),
                orZero(result.at("/metrics/clicks")), cost, text(result.at("/customer/currencyCode")),
                orZero(result.at("/metrics/conversions")), text(result.at("/customer/timeZone"))), payload);
    }

    /** The API's client with {@code retry}: a run's, or a connection check's. */
    HttpJsonClient client(RetryPolicy retry) {
        String hint = "check revloop.sources.google-ads.client-id, client-secret and refresh-token "
                + "(GOOGLE_ADS_CLIENT_SECRET, GOOGLE_ADS_REFRESH_TOKEN) and the developer token";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret().reveal());
        form.put("refresh_token", settings.refreshToken().reveal());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("developer-token", settings.developerToken().reveal());
        if (settings.loginCustomerId() != null && !settings.loginCustomerId().isBlank()) {
            headers.put("login-customer-id", settings.loginCustomerId().replace("-", "").trim());
        }
        return new HttpJsonClient(template, new HttpJsonClient.Settings("Google Ads", URI.create(settings.baseUrl()),
                settings.timeout(), settings.timeout(),
                retry, hint, headers),
                new OAuthToken(template, remote, settings.tokenUrl(), form, settings.timeout(), hint),
                new TokenBucket(5, 5), remote);
    }


    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String orZero(JsonNode node) {
        String text = text(node);
        return text == null ? "0" : text;
    }
}
