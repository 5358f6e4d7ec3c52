package io.revloop.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
import io.revloop.model.ValueParser.BadValueException;
import io.revloop.model.ValueParser;
import io.revloop.source.http.AuthenticationException;
import io.revloop.source.http.BearerToken;
import io.revloop.source.http.HttpJsonClient;
import io.revloop.source.http.HttpStatusException;
import io.revloop.source.http.RemoteJson;
import io.revloop.source.http.RetryPolicy;
import io.revloop.source.http.TokenBucket;
import io.revloop.store.DeadLetter;
import io.revloop.store.SqlDialect;
import io.revloop.store.SyncStateRepository;
import io.revloop.sync.BatchWriter;
import io.revloop.sync.OrderedCommits;
import io.revloop.sync.RunCounts;
import io.revloop.sync.SourceSchedule;
import io.revloop.sync.SyncSource;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * HubSpot CRM: companies, contacts and deals (with owners, deal pipelines, associations, stage
 * history, sources, form conversions and first sales engagement) into accounts, leads, deals,
 * stage changes, touchpoints and activities. Each object type is a stream with its own cursor;
 * archived records become soft deletes. See this package's README.md for the API's quirks.
 */
@Component
public class HubSpotSource implements SyncSource {

    static final String NAME = "hubspot";
    private static final Logger log = LoggerFactory.getLogger(HubSpotSource.class);

    private final RevloopProperties.Hubspot settings;
    private final BatchWriter writer;
    private final SyncStateRepository syncState;
    private final ValueParser parser;
    private final RevloopProperties properties;
    private final ObjectMapper json;
    private final HubSpotClient client;
    private final HubSpotMappings mappings;
    private final ExecutorService prefetch = Executors.newSingleThreadExecutor(daemon("hubspot-fetch"));
    private final int writers;
    private final ExecutorService committer;

    public HubSpotSource(RevloopProperties properties, BatchWriter writer, SyncStateRepository syncState,
                         ProducerTemplate camel, ObjectMapper json, RemoteJson remote,
                         SqlDialect dialect) {
        this.writers = OrderedCommits.writersFor(dialect);
        this.committer = Executors.newFixedThreadPool(writers, daemon("hubspot-commit"));
        this.properties = properties;
        this.settings = properties.sources().hubspot();
        this.writer = writer;
        this.syncState = syncState;
        this.json = json;
        this.parser = new ValueParser(properties.timeZone(), properties.baseCurrency());
        this.mappings = new HubSpotMappings(settings);
        this.client = new HubSpotClient(http(settings, new RetryPolicy(settings.maxRetries(), settings.backoff(),
                settings.maxBackoff()), camel, remote), new TokenBucket(settings.searchRate(), settings.searchBurst()),
                settings.pageSize());
    }

    /** The HTTP client of HubSpot's API with {@code retry}: a run's, or a connection check's. */
    static HttpJsonClient http(RevloopProperties.Hubspot settings, RetryPolicy retry, ProducerTemplate camel,
                               RemoteJson remote) {
        return new HttpJsonClient(camel, new HttpJsonClient.Settings("HubSpot", settings.baseUrl(),
                settings.connectTimeout(), settings.readTimeout(), retry,
                "check the private app's access token in revloop.sources.hubspot.access-token (HUBSPOT_ACCESS_TOKEN)"),
                BearerToken.fixed(settings.accessToken().reveal()), new TokenBucket(settings.rate(), settings.burst()), remote);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceSchedule scheduling() {
        return settings;
    }

    /** Whether HubSpot has changes cannot be known without asking it: a scheduled run always runs. */
    @Override
    public boolean hasPendingWork() {
        return true;
    }

    @Override
    public List<String> sync(long runId) throws InterruptedException {
        RecordMapper mapper = new RecordMapper(mappings, client.owners(), client.dealPipelines(), extraProperties(),
                parser, properties.timeZone(), json);
        ObjectStreamReader reader = new ObjectStreamReader(client, settings.searchOverlap(),
                settings.searchWindowLimit(), prefetch);
        List<String> problems = new ArrayList<>();
        for (HubSpotObject object : HubSpotObject.values()) {
            try {
                RunCounts live = syncLive(runId, object, mapper, reader);
                RunCounts archived = syncArchived(runId, object, mapper, reader);
                log.info("hubspot run {}: {} {} read, {} upserted, {} deleted, {} dead-lettered", runId, object.path(),
                        live.recordsRead() + archived.recordsRead(), live.upserted() + archived.upserted(),
                        live.deleted() + archived.deleted(), live.deadLettered() + archived.deadLettered());
            } catch (AuthenticationException refused) {
                throw refused;
            } catch (HttpStatusException failed) {
                log.warn("hubspot run {}: {} failed: {}", runId, object.path(), failed.getMessage());
                problems.add(object.path() + ": " + failed.getMessage());
            }
        }
        return problems;
    }

    private RunCounts syncLive(long runId, HubSpotObject object, RecordMapper mapper, ObjectStreamReader reader)
            throws InterruptedException {
        StreamCursor cursor = syncState.get(NAME, object.path()).map(StreamCursor::parse)
                .orElseGet(() -> StreamCursor.startFullLoad(Instant.now()));
        try (StreamWriter stream = new StreamWriter(writer, runId, object.path(), object.entity(),
                settings.batchSize(), committer, writers)) {
            reader.read(object, mapper.properties(object), cursor, (records, after) -> {
                records.forEach(record -> add(runId, object, mapper, stream, record));
                stream.pageDone(after.format());
            });
            return stream.finish();
        }
    }

    /** Archived records, listed whole every run; those archived before the last one seen are already stored. */
    private RunCounts syncArchived(long runId, HubSpotObject object, RecordMapper mapper, ObjectStreamReader reader)
            throws InterruptedException {
        String streamName = object.path() + ".archived";
        Instant seen = syncState.get(NAME, streamName).map(Instant::parse).orElse(Instant.EPOCH);
        Instant[] newest = {seen};
        try (StreamWriter stream = new StreamWriter(writer, runId, streamName, object.entity(), settings.batchSize(),
                committer, writers)) {
            reader.readArchived(object, mapper.properties(object), (records, ignored) -> {
                for (JsonNode record : records) {
                    Instant archivedAt = archivedAt(record);
                    if (archivedAt == null || !archivedAt.isBefore(seen)) {
                        add(runId, object, mapper, stream, record);
                        newest[0] = archivedAt != null && archivedAt.isAfter(newest[0]) ? archivedAt : newest[0];
                    }
                }
                stream.pageDone(newest[0].toString());
            });
            return stream.finish();
        }
    }

    private void add(long runId, HubSpotObject object, RecordMapper mapper, StreamWriter stream, JsonNode record) {
        try {
            stream.add(mapper.map(object, record), object.path(), record::toString);
        } catch (BadValueException bad) {
            stream.refuse(new DeadLetter(null, runId, NAME, object.entity().fileName(), object.path(), null,
                    object.path() + " " + record.path("id").asText("(no id)") + ": " + bad.getMessage(),
                    record.toString(), OffsetDateTime.now()));
        }
    }

    private static Instant archivedAt(JsonNode record) {
        String text = record.path("archivedAt").asText(null);
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    @PreDestroy
    void stop() {
        prefetch.shutdownNow();
        committer.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private Map<HubSpotObject, List<String>> extraProperties() {
        Map<HubSpotObject, List<String>> extra = new EnumMap<>(HubSpotObject.class);
        for (HubSpotObject object : HubSpotObject.values()) {
            extra.put(object, settings.properties().getOrDefault(object.path(), List.of()));
        }
        return extra;
    }
}
