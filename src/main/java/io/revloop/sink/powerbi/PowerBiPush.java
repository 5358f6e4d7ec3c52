package io.revloop.sink.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import io.revloop.kpi.KpiComputer;
import io.revloop.kpi.KpiValueStore;
import io.revloop.kpi.KpisComputed;
import io.revloop.source.http.HttpJsonClient;
import io.revloop.source.http.OAuthToken;
import io.revloop.source.http.RemoteJson;
import io.revloop.source.http.RetryPolicy;
import io.revloop.source.http.TokenBucket;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Pushes the KPI values of each compute into a Power BI push dataset: finds the dataset by name in
 * the workspace, creates it when missing, then POSTs the values the compute wrote as rows, at most
 * {@code rows-per-post} (Power BI: 10 000) per request and {@code posts-per-minute} (Power BI: 120)
 * requests a minute; 429 and 5xx are retried (Retry-After honoured). OAuth client credentials of a
 * service principal; the token is renewed before it expires and on a 401.
 */
@Component
public class PowerBiPush {

    private static final Logger log = LoggerFactory.getLogger(PowerBiPush.class);

    private final PowerBiProperties settings;
    private final KpiValueStore values;
    private final HttpJsonClient client;
    private final TokenBucket posts;
    /** Datasets whose table schema this hub has put since it started. */
    private final java.util.Set<String> schemaPut = new java.util.HashSet<>();

    public PowerBiPush(PowerBiProperties settings, KpiValueStore values, ProducerTemplate template, RemoteJson json) {
        this.settings = settings;
        this.values = values;
        if (!settings.enabled()) {
            this.client = null;
            this.posts = null;
            return;
        }
        String hint = "check revloop.sinks.powerbi.tenant-id, client-id and client-secret (POWERBI_CLIENT_SECRET), "
                + "and that the service principal is a member of the workspace";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret().reveal());
        form.put("scope", settings.scope());
        OAuthToken token = new OAuthToken(template, json, settings.resolvedTokenUrl(), form,
                settings.timeout(), hint);
        this.client = new HttpJsonClient(template, new HttpJsonClient.Settings("Power BI", URI.create(settings.baseUrl()),
                settings.timeout(), settings.timeout(),
                new RetryPolicy(settings.maxRetries(), settings.backoff(), settings.maxBackoff()), hint),
                token, new TokenBucket(10, 10), json);
        this.posts = new TokenBucket(settings.postsPerMinute() / 60.0, settings.postsPerMinute());
    }

    @EventListener
    @Order(160)
    public void afterCompute(KpisComputed computed) {
        if (!settings.enabled() || computed.summary().written() == 0) {
            return;
        }
        try {
            int requests = push(computed.summary());
            log.info("Power BI: {} values pushed in {} request(s)", computed.summary().written(), requests);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Power BI: the values of the compute at {} were not pushed: {}", computed.summary().computedAt(),
                    e.getMessage());
        }
    }

    /** Pushes the values a compute wrote; returns the number of row requests. */
    public int push(KpiComputer.Summary summary) throws InterruptedException {
        List<Map<String, Object>> rows = new ArrayList<>();
        int[] requests = {0};
        String dataset = dataset();
        InterruptedException[] interrupted = {null};
        values.forEachWrittenAt(summary.computedAt(), value -> {
            if (interrupted[0] != null) {
                return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kpi", value.kpi());
            row.put("grain", value.grain().id());
            row.put("period_start", value.periodStart().atStartOfDay().atOffset(ZoneOffset.UTC).toString());
            row.put("dimension", value.dimension() == null ? null : value.dimension().id());
            row.put("dimension_value", value.dimensionValue());
            row.put("value", value.result().value());
            row.put("numerator", value.result().numerator());
            row.put("denominator", value.result().denominator());
            row.put("computed_at", summary.computedAt().withOffsetSameInstant(ZoneOffset.UTC).toString());
            row.put("complete", value.complete());
            rows.add(row);
            if (rows.size() == settings.rowsPerPost()) {
                try {
                    postRows(dataset, rows);
                    requests[0]++;
                } catch (InterruptedException e) {
                    interrupted[0] = e;
                }
                rows.clear();
            }
        });
        if (interrupted[0] != null) {
            throw interrupted[0];
        }
        if (!rows.isEmpty()) {
            postRows(dataset, rows);
            requests[0]++;
        }
        return requests[0];
    }

    /** Pushes rows (column name → value), {@code rows-per-post} per request; returns the number of requests. */
    public int pushRows(List<Map<String, Object>> rows) throws InterruptedException {
        String dataset = dataset();
        int requests = 0;
        for (int i = 0; i < rows.size(); i += settings.rowsPerPost()) {
            postRows(dataset, rows.subList(i, Math.min(rows.size(), i + settings.rowsPerPost())));
            requests++;
        }
        return requests;
    }

    private void postRows(String dataset, List<Map<String, Object>> rows) throws InterruptedException {
        client.post("groups/" + settings.workspaceId() + "/datasets/" + dataset + "/tables/" + settings.tableName()
                + "/rows", Map.of("rows", rows), posts);
    }

    /**
     * The dataset's id: found by name in the workspace, else created with the KPI table. Looked up at
     * every push (one request), so a dataset deleted or renamed in Power BI is created again. A dataset
     * found gets the table's schema once per start (PUT, which keeps its rows), so a column added in a
     * later version of the hub (complete) reaches a dataset an earlier one created.
     */
    private synchronized String dataset() throws InterruptedException {
        String path = "groups/" + settings.workspaceId() + "/datasets";
        for (JsonNode dataset : client.get(path, Map.of()).path("value")) {
            if (settings.datasetName().equals(dataset.path("name").asText())) {
                String id = dataset.path("id").asText();
                if (schemaPut.add(id)) {
                    client.put(path + "/" + id + "/tables/" + settings.tableName(), table());
                }
                return id;
            }
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", settings.datasetName());
        definition.put("defaultMode", "Push");
        definition.put("tables", List.of(table()));
        JsonNode created = client.post(path, Map.of("defaultRetentionPolicy", "basicFIFO"), definition);
        log.info("Power BI: dataset '{}' created in the workspace", settings.datasetName());
        String id = created.path("id").asText();
        schemaPut.add(id);
        return id;
    }

    /** The KPI table: its name and columns. */
    private Map<String, Object> table() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("name", settings.tableName());
        table.put("columns", List.of(column("kpi", "String"), column("grain", "String"),
                column("period_start", "DateTime"), column("dimension", "String"), column("dimension_value", "String"),
                column("value", "Double"), column("numerator", "Double"), column("denominator", "Double"),
                column("computed_at", "DateTime"), column("complete", "Boolean")));
        return table;
    }

    private static Map<String, String> column(String name, String type) {
        Map<String, String> column = new LinkedHashMap<>();
        column.put("name", name);
        column.put("dataType", type);
        return column;
    }
}
