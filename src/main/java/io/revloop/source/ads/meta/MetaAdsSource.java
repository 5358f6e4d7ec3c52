package io.revloop.source.ads.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
import io.revloop.model.Channel;
import io.revloop.model.ValueParser;
import io.revloop.source.ads.AdSpendDay;
import io.revloop.source.ads.AdSpendWindow;
import io.revloop.source.http.BearerToken;
import io.revloop.source.http.HttpJsonClient;
import io.revloop.source.http.RemoteJson;
import io.revloop.source.http.RetryPolicy;
import io.revloop.source.http.ServerLinks;
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
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Meta ads: daily spend, impressions, clicks and lead actions per campaign through the Marketing API's
 * {@code act_{id}/insights} ({@code level=campaign}, {@code time_increment=1}), paged by cursor. Each
 * run re-reads {@code lookback-days} (Meta restates attribution for 28 days) and overwrites them.
 * Throttling errors (codes 4, 17, 80004 in a 400 answer) are backed off like a 429, and the usage Meta
 * reports in {@code x-business-use-case-usage} makes the connector pause before it gets there.
 */
@Component
public class MetaAdsSource implements SyncSource {

    static final String NAME = "meta-ads";
    static final String PLATFORM = "meta_ads";
    private static final Logger log = LoggerFactory.getLogger(MetaAdsSource.class);
    private static final String FIELDS = "campaign_id,campaign_name,spend,impressions,clicks,actions,account_currency";

    private final MetaAdsProperties settings;
    private final ProducerTemplate template;
    private final ObjectMapper json;
    private final RemoteJson remote;
    private final JdbcTemplate jdbc;
    private final BatchWriter writer;
    private final SyncStateRepository state;
    private final ValueParser parser;
    private final ZoneId zone;

    public MetaAdsSource(MetaAdsProperties settings, ProducerTemplate template, ObjectMapper json, RemoteJson remote,
                         JdbcTemplate jdbc, BatchWriter writer, SyncStateRepository state,
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
        Channel.require("revloop.sources.meta-ads.channel", settings.channel());
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
        String account = settings.accountId().replaceFirst("^act_", "");
        HttpJsonClient client = client(new RetryPolicy(settings.maxRetries(), settings.backoff(),
                settings.maxBackoff()));
        String stream = "account:" + account;
        LocalDate today = LocalDate.now(zone);
        LocalDate from = state.reportWindowStart(NAME, stream, today, settings.lookbackDays(), settings.initialDays());
        String path = "/" + settings.apiVersion() + "/act_" + account;
        String timeZone = client.get(path, Map.of("fields", "currency,timezone_name")).path("timezone_name").asText(null);
        AdSpendWindow window = new AdSpendWindow(writer, jdbc, parser, json, NAME, PLATFORM, runId, from, today,
                settings.batchSize(), settings.campaignKey());
        String after = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("level", "campaign");
            query.put("time_increment", "1");
            query.put("fields", FIELDS);
            query.put("time_range", "{\"since\":\"" + from + "\",\"until\":\"" + today + "\"}");
            query.put("limit", Integer.toString(settings.pageSize()));
            query.put("after", after);
            JsonNode page = client.get(path + "/insights", query);
            for (JsonNode row : page.path("data")) {
                add(window, row, timeZone);
            }
            after = next(page.path("paging"), path + "/insights");
        } while (after != null);
        RunCounts counts = window.finish(stream, today.toString());
        log.info("meta-ads run {}: account {} from {} to {}: {} rows read, {} upserted, {} deleted, {} dead-lettered",
                runId, account, from, today, counts.recordsRead(), counts.upserted(), counts.deleted(),
                counts.deadLettered());
        return List.of();
    }

    /**
     * The cursor of the next page, or null on the last: Meta's {@code paging.next}, a full URL, must point
     * to the insights path on the configured {@code base-url}'s host, else the run stops; the next request
     * is made there with {@code paging.cursors.after}.
     */
    private String next(JsonNode paging, String insights) {
        if (!paging.hasNonNull("next")) {
            return null;
        }
        ServerLinks.requireSameEndpoint("Meta", "paging.next", paging.get("next").asText(),
                URI.create(settings.baseUrl()), insights);
        return ServerLinks.token("Meta", "paging.cursors.after", paging.at("/cursors/after").asText(null));
    }

    private void add(AdSpendWindow window, JsonNode row, String timeZone) {
        BigDecimal leads = BigDecimal.ZERO;
        for (JsonNode action : row.path("actions")) {
            if (settings.leadActionTypes().contains(action.path("action_type").asText())) {
                try {
                    leads = leads.add(new BigDecimal(action.path("value").asText()));
                } catch (NumberFormatException e) {
                    window.countRead();
                    window.refuse("meta_ads campaign " + text(row, "campaign_id") + ": lead action value '"
                            + action.path("value").asText() + "' is not a number", row.toString());
                    return;
                }
            }
        }
        window.add(new AdSpendDay(text(row, "date_start"), text(row, "campaign_id"), text(row, "campaign_name"),
                settings.channel(), orZero(row, "impressions"), orZero(row, "clicks"), orZero(row, "spend"),
                text(row, "account_currency"), leads.toPlainString(), timeZone), row.toString());
    }

    /** The API's client with {@code retry}: a run's, or a connection check's. */
    HttpJsonClient client(RetryPolicy retry) {
        String token = settings.accessToken().reveal();
        String hint = "check revloop.sources.meta-ads.access-token (META_ADS_ACCESS_TOKEN): a system user's token "
                + "with ads_read on the ad account";
        BusinessUseCaseUsage usage = new BusinessUseCaseUsage(json, settings.usageThreshold(), settings.backoff(),
                settings.maxBackoff());
        List<String> codes = settings.throttlingCodes().stream().map(code -> "\"code\":" + code).toList();
        return new HttpJsonClient(template, new HttpJsonClient.Settings("Meta", URI.create(settings.baseUrl()),
                settings.timeout(), settings.timeout(),
                retry, hint, Map.of(),
                body -> codes.stream().anyMatch(body.replace(" ", "")::contains)),
                BearerToken.fixed(token), new TokenBucket(5, 5), remote)
                .observing(header -> usage.observe(header.apply(BusinessUseCaseUsage.HEADER)));
    }


    private static String text(JsonNode row, String field) {
        JsonNode node = row.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String orZero(JsonNode row, String field) {
        String text = text(row, field);
        return text == null ? "0" : text;
    }
}
