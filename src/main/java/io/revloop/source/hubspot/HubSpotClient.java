package io.revloop.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.revloop.source.http.HttpJsonClient;
import io.revloop.source.http.ServerLinks;
import io.revloop.source.http.TokenBucket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HubSpot CRM v3 endpoints the hub reads. Searches also wait for the search rate limit, which
 * HubSpot counts apart from (and far below) the limit of the other endpoints.
 */
final class HubSpotClient {

    /** One page of records and the {@code after} token of the next page (null on the last page). */
    record Page(List<JsonNode> results, String nextAfter) {
    }

    private final HttpJsonClient http;
    private final TokenBucket searchLimit;
    private final int pageSize;

    HubSpotClient(HttpJsonClient http, TokenBucket searchLimit, int pageSize) {
        this.http = http;
        this.searchLimit = searchLimit;
        this.pageSize = pageSize;
    }

    int pageSize() {
        return pageSize;
    }

    /** {@code GET /crm/v3/objects/{type}}: live or archived records in id order, with their associations. */
    Page list(HubSpotObject object, List<String> properties, List<String> associations, boolean archived,
              String after) throws InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(pageSize));
        query.put("after", after);
        query.put("archived", Boolean.toString(archived));
        query.put("properties", properties.isEmpty() ? null : String.join(",", properties));
        query.put("associations", associations.isEmpty() ? null : String.join(",", associations));
        return page(http.get("/crm/v3/objects/" + object.path(), query));
    }

    /**
     * {@code POST /crm/v3/objects/{type}/search} with the given filter groups (OR of ANDs), sorted
     * ascending by {@code sortProperty}. Search pages have no associations.
     */
    Page search(HubSpotObject object, List<String> properties, List<List<Map<String, String>>> filterGroups,
                String sortProperty, String after) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", filterGroups.stream().map(filters -> Map.of("filters", filters)).toList());
        body.put("sorts", List.of(Map.of("propertyName", sortProperty, "direction", "ASCENDING")));
        body.put("properties", properties);
        body.put("limit", pageSize);
        if (after != null) {
            body.put("after", after);
        }
        return page(http.post("/crm/v3/objects/" + object.path() + "/search", body, searchLimit));
    }

    /** The ids of the {@code to} records associated with each of {@code ids}, a {@code from} type. */
    Map<String, List<String>> associations(String from, String to, Collection<String> ids) throws InterruptedException {
        Map<String, List<String>> associated = new HashMap<>();
        if (ids.isEmpty()) {
            return associated;
        }
        List<Map<String, String>> inputs = ids.stream().map(id -> Map.of("id", id)).toList();
        JsonNode answer = http.post("/crm/v3/associations/" + from + "/" + to + "/batch/read", Map.of("inputs", inputs));
        for (JsonNode result : answer.path("results")) {
            List<String> targets = new ArrayList<>();
            result.path("to").forEach(target -> targets.add(target.path("id").asText()));
            associated.put(result.path("from").path("id").asText(), targets);
        }
        return associated;
    }

    /** All owners, the deactivated ones too (they still own records). */
    Owners owners() throws InterruptedException {
        Owners owners = new Owners();
        for (boolean archived : new boolean[] {false, true}) {
            String after = null;
            do {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("limit", "100");
                query.put("after", after);
                query.put("archived", Boolean.toString(archived));
                Page page = page(http.get("/crm/v3/owners", query));
                page.results().forEach(owners::add);
                after = page.nextAfter();
            } while (after != null);
        }
        return owners;
    }

    DealPipelines dealPipelines() throws InterruptedException {
        DealPipelines pipelines = new DealPipelines();
        http.get("/crm/v3/pipelines/deals", Map.of()).path("results").forEach(pipelines::addPipeline);
        return pipelines;
    }

    /**
     * The next page is asked for with {@code paging.next.after} as a parameter to the configured base
     * URL; {@code paging.next.link}, a full URL, is never followed.
     */
    private static Page page(JsonNode answer) {
        List<JsonNode> results = new ArrayList<>(answer.path("results").size());
        answer.path("results").forEach(results::add);
        JsonNode after = answer.path("paging").path("next").path("after");
        return new Page(results, ServerLinks.token("HubSpot", "paging.next.after", after.isMissingNode()
                || after.isNull() ? null : after.asText()));
    }
}
