package io.revloop.source.ads.linkedin;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * LinkedIn ads: daily cost, impressions, clicks and lead-form leads per campaign from the Marketing
 * API's {@code adAnalytics} (pivot CAMPAIGN, DAILY), summed to the campaign's <em>campaign group</em> —
 * LinkedIn's campaign group is what other platforms call a campaign, and what CRM campaigns and UTM
 * tags name. Versioned REST headers, OAuth refresh token. Each run re-reads {@code lookback-days}.
 */
@Component
public class LinkedInAdsSource implements SyncSource {

    static final String NAME = "linkedin-ads";
    static final String PLATFORM = "linkedin_ads";
    private static final Logger log = LoggerFactory.getLogger(LinkedInAdsSource.class);
    /** LinkedIn reports rounding noise such as "-2E-18" for days without spend. */
    private static final BigDecimal NOISE = new BigDecimal("1E-9");

    private final LinkedInAdsProperties settings;
    private final ProducerTemplate template;
    private final ObjectMapper json;
    private final RemoteJson remote;
    private final JdbcTemplate jdbc;
    private final BatchWriter writer;
    private final SyncStateRepository state;
    private final ValueParser parser;
    private final ZoneId zone;

    public LinkedInAdsSource(LinkedInAdsProperties settings, ProducerTemplate template, ObjectMapper json,
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
        Channel.require("revloop.sources.linkedin-ads.channel", settings.channel());
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

    /** A campaign group's day, summed over its campaigns. */
    private record GroupDay(String group, String name, LocalDate day, BigDecimal cost, long impressions, long clicks,
                            BigDecimal leads) {
        GroupDay plus(BigDecimal moreCost, long moreImpressions, long moreClicks, BigDecimal moreLeads) {
            return new GroupDay(group, name, day, cost.add(moreCost), impressions + moreImpressions, clicks + moreClicks,
                    leads.add(moreLeads));
        }
    }

    @Override
    public List<String> sync(long runId) throws InterruptedException {
        String account = settings.accountId().replaceFirst("^urn:li:sponsoredAccount:", "");
        HttpJsonClient client = client(new RetryPolicy(settings.maxRetries(), settings.backoff(),
                settings.maxBackoff()));
        String stream = "account:" + account;
        LocalDate today = LocalDate.now(zone);
        LocalDate from = state.reportWindowStart(NAME, stream, today, settings.lookbackDays(), settings.initialDays());
        String currency = client.get("/rest/adAccounts/" + account, Map.of()).path("currency").asText(null);
        Map<String, String> groupNames = new HashMap<>();
        for (JsonNode group : list(client, "/rest/adAccounts/" + account + "/adCampaignGroups")) {
            groupNames.put(group.path("id").asText(), group.path("name").asText(null));
        }
        Map<String, String> groupOfCampaign = new HashMap<>();
        for (JsonNode campaign : list(client, "/rest/adAccounts/" + account + "/adCampaigns")) {
            groupOfCampaign.put(campaign.path("id").asText(), campaign.path("campaignGroup").asText("")
                    .replaceFirst("^urn:li:sponsoredCampaignGroup:", ""));
        }
        String query = "q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&dateRange=(start:" + date(from) + ",end:"
                + date(today) + ")&accounts=List(urn%3Ali%3AsponsoredAccount%3A" + account + ")"
                + "&fields=costInLocalCurrency,impressions,clicks,oneClickLeads,dateRange,pivotValues";
        JsonNode analytics = client.getWithRawQuery("/rest/adAnalytics", query);
        AdSpendWindow window = new AdSpendWindow(writer, jdbc, parser, json, NAME, PLATFORM, runId, from, today,
                settings.batchSize(), settings.campaignKey());
        Map<String, GroupDay> days = new LinkedHashMap<>();
        for (JsonNode element : analytics.path("elements")) {
            String campaign = element.path("pivotValues").path(0).asText("").replaceFirst("^urn:li:sponsoredCampaign:", "");
            BigDecimal cost;
            BigDecimal leads;
            LocalDate day;
            try {
                cost = noiseToZero(new BigDecimal(element.path("costInLocalCurrency").asText("0")));
                leads = new BigDecimal(element.path("oneClickLeads").asText("0"));
                JsonNode start = element.at("/dateRange/start");
                day = LocalDate.of(start.path("year").asInt(), start.path("month").asInt(), start.path("day").asInt());
            } catch (RuntimeException bad) {
                window.countRead();
                window.refuse("linkedin_ads campaign " + campaign + ": " + bad.getMessage(), element.toString());
                continue;
            }
            // a campaign outside any group (or not listed) stands for itself
            String group = groupOfCampaign.getOrDefault(campaign, "");
            String key = group.isEmpty() ? "campaign:" + campaign : group;
            String name = group.isEmpty() ? null : groupNames.get(group);
            days.merge(key + "|" + day, new GroupDay(key, name, day, cost, element.path("impressions").asLong(),
                    element.path("clicks").asLong(), leads), (a, b) -> a.plus(b.cost(), b.impressions(), b.clicks(), b.leads()));
        }
        for (GroupDay day : days.values()) {
            window.add(new AdSpendDay(day.day().toString(), day.group(), day.name(), settings.channel(),
                    Long.toString(day.impressions()), Long.toString(day.clicks()), day.cost().toPlainString(), currency,
                    day.leads().toPlainString(), null), "campaign group " + day.group() + " on " + day.day());
        }
        RunCounts counts = window.finish(stream, today.toString());
        log.info("linkedin-ads run {}: account {} from {} to {}: {} group days read, {} upserted, {} deleted, {} dead-lettered",
                runId, account, from, today, counts.recordsRead(), counts.upserted(), counts.deleted(),
                counts.deadLettered());
        return List.of();
    }

    /**
     * Every element of a search finder, following {@code metadata.nextPageToken} as a parameter to the
     * configured base URL (the answers' {@code paging.links} are never followed).
     */
    private List<JsonNode> list(HttpJsonClient client, String path) throws InterruptedException {
        List<JsonNode> elements = new java.util.ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("q", "search");
            query.put("pageSize", Integer.toString(settings.pageSize()));
            query.put("pageToken", token);
            JsonNode page = client.get(path, query);
            page.path("elements").forEach(elements::add);
            token = ServerLinks.token("LinkedIn", "metadata.nextPageToken",
                    page.at("/metadata/nextPageToken").asText(null));
        } while (token != null);
        return elements;
    }

    private static String date(LocalDate day) {
        return "(year:" + day.getYear() + ",month:" + day.getMonthValue() + ",day:" + day.getDayOfMonth() + ")";
    }

    private static BigDecimal noiseToZero(BigDecimal value) {
        return value.abs().compareTo(NOISE) < 0 ? BigDecimal.ZERO : value;
    }

    /** The API's client with {@code retry}: a run's, or a connection check's. */
    HttpJsonClient client(RetryPolicy retry) {
        String hint = "check revloop.sources.linkedin-ads.client-id, client-secret and refresh-token "
                + "(LINKEDIN_ADS_CLIENT_SECRET, LINKEDIN_ADS_REFRESH_TOKEN); the app needs r_ads_reporting and r_ads";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", settings.refreshToken().reveal());
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret().reveal());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("LinkedIn-Version", settings.apiVersion());
        headers.put("X-Restli-Protocol-Version", "2.0.0");
        return new HttpJsonClient(template, new HttpJsonClient.Settings("LinkedIn", URI.create(settings.baseUrl()),
                settings.timeout(), settings.timeout(),
                retry, hint, headers),
                new OAuthToken(template, remote, settings.tokenUrl(), form, settings.timeout(), hint),
                new TokenBucket(5, 5), remote);
    }

}
