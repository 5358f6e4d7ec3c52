package io.revloop.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Reads one object type page by page and hands each page to a {@link PageSink} with the stream
 * cursor that holds once the page is committed.
 *
 * <p>First load: the list endpoint in id order, resumable at its {@code after} token. Afterwards:
 * CRM search for records modified at or after the cursor (minus an overlap for the search index's
 * lag), sorted ascending by the last-modified property. One search yields at most
 * {@code windowLimit} results (HubSpot: 10 000); before paging past that the reader starts a new
 * search from the last modification time it saw. Should a whole window share one millisecond, it
 * pages that millisecond by record id before moving on, so no record is skipped.
 */
final class ObjectStreamReader {

    /** Receives the records of a page and the cursor to commit with them. */
    interface PageSink {
        void accept(List<JsonNode> records, StreamCursor cursorAfterPage) throws InterruptedException;
    }

    private static final String OBJECT_ID = "hs_object_id";

    private final HubSpotClient client;
    private final Duration overlap;
    private final int windowLimit;
    private final Executor prefetch;

    ObjectStreamReader(HubSpotClient client, Duration overlap, int windowLimit, Executor prefetch) {
        this.client = client;
        this.overlap = overlap;
        this.windowLimit = windowLimit;
        this.prefetch = prefetch;
    }

    /** Reads from {@code cursor} to now. */
    void read(HubSpotObject object, List<String> properties, StreamCursor cursor, PageSink sink)
            throws InterruptedException {
        if (cursor.fullLoad()) {
            list(object, properties, cursor, sink);
        } else {
            search(object, properties, cursor.since(), sink);
        }
    }

    /** Every archived record, in id order. */
    void readArchived(HubSpotObject object, List<String> properties, PageSink sink) throws InterruptedException {
        String after = null;
        do {
            HubSpotClient.Page page = client.list(object, properties, List.of(), true, after);
            after = page.nextAfter();
            sink.accept(page.results(), null);
        } while (after != null);
    }

    /** The next page is fetched while the sink handles this one. */
    private void list(HubSpotObject object, List<String> properties, StreamCursor cursor, PageSink sink)
            throws InterruptedException {
        List<String> associations = object == HubSpotObject.DEALS ? List.of("contacts", "companies") : List.of();
        StreamCursor at = cursor;
        CompletableFuture<HubSpotClient.Page> pending = listAsync(object, properties, associations, at.after());
        do {
            HubSpotClient.Page page = await(pending);
            at = at.nextPage(page.nextAfter());
            if (at.fullLoad()) {
                pending = listAsync(object, properties, associations, at.after());
            }
            sink.accept(page.results(), at);
        } while (at.fullLoad());
    }

    private CompletableFuture<HubSpotClient.Page> listAsync(HubSpotObject object, List<String> properties,
                                                            List<String> associations, String after) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.list(object, properties, associations, false, after);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, prefetch);
    }

    private static HubSpotClient.Page await(CompletableFuture<HubSpotClient.Page> page) throws InterruptedException {
        try {
            return page.get();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    private void search(HubSpotObject object, List<String> properties, Instant since, PageSink sink)
            throws InterruptedException {
        String modified = object.lastModified();
        Instant windowStart = since.minus(overlap);
        Instant newest = since;
        String after = null;
        int readInWindow = 0;
        while (true) {
            HubSpotClient.Page page = client.search(object, properties,
                    List.of(List.of(filter(modified, "GTE", millis(windowStart)))), modified, after);
            Instant last = windowStart;
            for (JsonNode record : page.results()) {
                last = lastModified(record, modified, last);
            }
            newest = last.isAfter(newest) ? last : newest;
            withAssociations(object, page.results());
            sink.accept(page.results(), StreamCursor.incremental(newest));
            readInWindow += page.results().size();
            if (page.nextAfter() == null) {
                return;
            }
            if (readInWindow + client.pageSize() <= windowLimit) {
                after = page.nextAfter();
                continue;
            }
            if (last.isAfter(windowStart)) {
                windowStart = last;
            } else {
                pageOneMillisecondById(object, properties, windowStart, sink, newest);
                windowStart = windowStart.plusMillis(1);
            }
            after = null;
            readInWindow = 0;
        }
    }

    /** The records modified in one millisecond, by id: for a window that never gets past it. */
    private void pageOneMillisecondById(HubSpotObject object, List<String> properties, Instant at, PageSink sink,
                                        Instant cursor) throws InterruptedException {
        String modified = object.lastModified();
        String lastId = "0";
        String after = null;
        int readInWindow = 0;
        while (true) {
            HubSpotClient.Page page = client.search(object, properties, List.of(List.of(
                    filter(modified, "EQ", millis(at)), filter(OBJECT_ID, "GT", lastId))), OBJECT_ID, after);
            for (JsonNode record : page.results()) {
                lastId = record.path("id").asText(lastId);
            }
            withAssociations(object, page.results());
            sink.accept(page.results(), StreamCursor.incremental(cursor));
            readInWindow += page.results().size();
            if (page.nextAfter() == null) {
                return;
            }
            boolean windowFull = readInWindow + client.pageSize() > windowLimit;
            after = windowFull ? null : page.nextAfter();
            readInWindow = windowFull ? 0 : readInWindow;
        }
    }

    /** Search pages carry no associations: deals get theirs from the batch association endpoint. */
    private void withAssociations(HubSpotObject object, List<JsonNode> records) throws InterruptedException {
        if (object != HubSpotObject.DEALS || records.isEmpty()) {
            return;
        }
        List<String> ids = records.stream().map(r -> r.path("id").asText()).toList();
        for (String type : List.of("contacts", "companies")) {
            Map<String, List<String>> associated = client.associations(object.path(), type, ids);
            for (JsonNode record : records) {
                if (record instanceof ObjectNode node) {
                    var results = node.withObjectProperty("associations").withObjectProperty(type).putArray("results");
                    associated.getOrDefault(node.path("id").asText(), List.of())
                            .forEach(id -> results.addObject().put("id", id));
                }
            }
        }
    }

    private static Instant lastModified(JsonNode record, String property, Instant fallback) {
        String value = RecordMapper.normalizeTimestamp(record.path("properties").path(property).asText(null));
        if (value == null) {
            return fallback;
        }
        try {
            Instant at = OffsetDateTime.parse(value).toInstant();
            return at.isAfter(fallback) ? at : fallback;
        } catch (DateTimeParseException unreadable) {
            return fallback;
        }
    }

    private static Map<String, String> filter(String property, String operator, String value) {
        return Map.of("propertyName", property, "operator", operator, "value", value);
    }

    private static String millis(Instant at) {
        return Long.toString(at.toEpochMilli());
    }
}
