package io.revloop.source.salesforce;

import static io.revloop.source.salesforce.SalesforceValues.flag;
import static io.revloop.source.salesforce.SalesforceValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.revloop.RevloopProperties;
import io.revloop.model.CanonicalRow;
import io.revloop.model.Entity;
import io.revloop.model.ValueParser.BadValueException;
import io.revloop.source.salesforce.SalesforceApi.ApiLimitException;
import io.revloop.source.salesforce.SalesforceApi.ApiUsage;
import io.revloop.store.DeadLetter;
import io.revloop.store.SyncStateRepository;
import io.revloop.sync.BatchWriter;
import io.revloop.sync.BatchWriter.Batch;
import io.revloop.sync.RunCounts;
import io.revloop.sync.SourceRecord;
import io.revloop.sync.SourceSchedule;
import io.revloop.sync.SyncSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Salesforce sync run: checks the org's API budget, then reads each object's changes since its
 * cursor (minus the overlap window) page by page and commits them in batches, each with the
 * SystemModstamp of its last record as the object's new cursor. Deleted records come with the same
 * query (queryAll) and become soft deletes.
 *
 * <p>A run that reaches the API budget or REQUEST_LIMIT_EXCEEDED stops and is reported failed; what
 * it committed stays, and the next run resumes from the cursors.
 */
public class SalesforceSource implements SyncSource {

    private static final Logger log = LoggerFactory.getLogger(SalesforceSource.class);
    /** Records per Bulk API 2.0 results call: the component holds a call's CSV in memory while it is mapped. */
    private static final int BULK_RESULTS_PER_CALL = 50_000;
    /** Batches handed to the committer and not yet committed, at most. */
    private static final int IN_FLIGHT = 2;

    private final RevloopProperties.Salesforce config;
    private final SalesforceApi api;
    private final BulkResults bulkResults;
    private final SoqlQueries queries;
    private final RecordMapper mapper;
    private final ConversionStore conversions;
    private final SyncStateRepository syncState;
    private final BatchWriter writer;
    private final TransactionTemplate transactions;
    private final ExecutorService fetcher = daemonThread("salesforce-fetch");
    private final ExecutorService committer = daemonThread("salesforce-commit");

    SalesforceSource(RevloopProperties.Salesforce config, SalesforceApi api, BulkResults bulkResults,
                     SoqlQueries queries, RecordMapper mapper, ConversionStore conversions,
                     SyncStateRepository syncState, BatchWriter writer, TransactionTemplate transactions) {
        this.config = config;
        this.api = api;
        this.bulkResults = bulkResults;
        this.queries = queries;
        this.mapper = mapper;
        this.conversions = conversions;
        this.syncState = syncState;
        this.writer = writer;
        this.transactions = transactions;
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return ConversionStore.SOURCE;
    }

    @Override
    public SourceSchedule scheduling() {
        return config;
    }

    /** Whether anything changed is only known by asking the org, so a scheduled run always runs. */
    @Override
    public boolean hasPendingWork() {
        return true;
    }

    @Override
    public synchronized List<String> sync(long runId) {
        try {
            ApiUsage usage = api.limits();
            log.info("salesforce run {}: {} of {} daily API requests used before the run", runId, usage.used(),
                    usage.max());
            for (SObjectType type : queries.objects()) {
                new ObjectSync(runId, type).run();
            }
            return List.of();
        } catch (ApiLimitException | BudgetReachedException stop) {
            log.warn("salesforce run {} stopped: {}", runId, stop.getMessage());
            return List.of(stop.getMessage() + "; the run stopped and is resumable: what it committed stays, and the"
                    + " next run continues from each object's cursor");
        }
    }

    private void checkBudget() {
        ApiUsage usage = api.usage();
        if (usage != null && usage.share() >= config.apiBudgetShare()) {
            throw new BudgetReachedException(String.format(java.util.Locale.ROOT,
                    "API budget reached: %d of %d daily API requests used (%.0f %%), the budget is %.0f %%",
                    usage.used(), usage.max(), usage.share() * 100, config.apiBudgetShare() * 100));
        }
    }

    /** One object's read: pages in, batches out. */
    private final class ObjectSync {
        private final long runId;
        private final SObjectType type;
        private final List<SourceRecord> records = new ArrayList<>();
        private final List<DeadLetter> refused = new ArrayList<>();
        private final Map<String, String> converted = new HashMap<>();
        private long read;
        private String latestModstamp;
        private boolean holdCursor;
        private final Deque<CompletableFuture<RunCounts>> inFlight = new ArrayDeque<>();

        ObjectSync(long runId, SObjectType type) {
            this.runId = runId;
            this.type = type;
        }

        void run() {
            try {
                read();
            } finally {
                awaitCommits();
            }
        }

        private void read() {
            OffsetDateTime since = since();
            String soql = queries.changedSince(type, since);
            checkBudget();
            JsonNode page = api.query(soql, type.deletable());
            if (since == null && page.path("totalSize").asLong() > config.bulkThreshold()) {
                bulkLoad(page.path("totalSize").asLong());
                return;
            }
            long total = 0;
            while (page != null) {
                // the next page is fetched while this one is mapped and written
                String next = text(page, "nextRecordsUrl");
                CompletableFuture<JsonNode> nextPage = null;
                if (!page.path("done").asBoolean(true) && next != null) {
                    checkBudget();
                    nextPage = CompletableFuture.supplyAsync(() -> api.queryMore(next), fetcher);
                }
                JsonNode pageRecords = page.path("records");
                total += pageRecords.size();
                map(pageRecords);
                page = nextPage == null ? null : join(nextPage);
            }
            flush();
            log.info("salesforce run {}: {} records of {} read", runId, total, type.apiName());
        }

        /**
         * A first load above the bulk threshold: one Bulk API 2.0 query job instead of a REST call per
         * 2 000 records. Its results come in no particular order, so batches commit without a cursor
         * and the cursor — the latest SystemModstamp of all — commits only after the last batch; a
         * load that breaks off starts over, harmlessly.
         */
        private void bulkLoad(long expected) {
            log.info("salesforce run {}: first load of {} ({} records) through a Bulk API 2.0 query job", runId,
                    type.apiName(), expected);
            holdCursor = true;
            checkBudget();
            String jobId = api.createQueryJob(queries.all(type), type.deletable());
            awaitCompletion(jobId);
            long total = 0;
            String locator = null;
            do {
                checkBudget();
                locator = api.queryJobResults(jobId, locator, BULK_RESULTS_PER_CALL,
                        csv -> bulkResults.forEachChunk(csv, config.pageSize(), this::map));
            } while (locator != null);
            holdCursor = false;
            flush();
            awaitCommits();
            String cursor = cursor();
            if (cursor != null) {
                writer.commit(new Batch(runId, name(), type.entity(), 0, List.of(), List.of(), type.apiName(), cursor),
                        CompletableFuture.completedFuture(null));
            }
            log.info("salesforce run {}: bulk query job {} for {} done", runId, jobId, type.apiName());
        }

        private void awaitCompletion(String jobId) {
            while (true) {
                checkBudget();
                JobStateEnum state = api.queryJob(jobId).getState();
                if (state == JobStateEnum.JOB_COMPLETE) {
                    return;
                }
                if (state == JobStateEnum.FAILED || state == JobStateEnum.ABORTED) {
                    throw new SalesforceApi.SalesforceApiException("Bulk API 2.0 query job " + jobId + " for "
                            + type.apiName() + " ended " + state);
                }
                SalesforceApi.sleep(config.bulkPollInterval());
            }
        }

        /** A lead's first sales response is its earliest activity: the earliest per lead of this batch. */
        private static Map<String, OffsetDateTime> earliestActivityPerLead(List<SourceRecord> activities) {
            Map<String, OffsetDateTime> earliest = new HashMap<>();
            for (SourceRecord activity : activities) {
                CanonicalRow row = activity.row();
                if (row.deletedAt() == null) {
                    earliest.merge((String) row.value("lead_id"), (OffsetDateTime) row.value("occurred_at"),
                            (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            return earliest;
        }

        /** The cursor after the records read so far: the latest SystemModstamp, as an ISO-8601 timestamp. */
        private String cursor() {
            OffsetDateTime at = latestModstamp == null ? null : SalesforceValues.parseDatetime(latestModstamp);
            return at == null ? null : at.toString();
        }

        /** Waits for the batches handed to the committer; the first failure is thrown once all have ended. */
        private void awaitCommits() {
            RuntimeException first = null;
            while (!inFlight.isEmpty()) {
                try {
                    join(inFlight.removeFirst());
                } catch (RuntimeException failed) {
                    first = first == null ? failed : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }

        private OffsetDateTime since() {
            return syncState.get(name(), type.apiName())
                    .map(OffsetDateTime::parse)
                    .map(at -> at.minus(config.overlap()))
                    .orElse(null);
        }

        private void map(JsonNode pageRecords) {
            RecordMapper.Known known = known(pageRecords);
            StageEntries stageEntries = type == SObjectType.OPPORTUNITY_HISTORY ? stageEntries(pageRecords) : null;
            for (JsonNode record : pageRecords) {
                read++;
                String modstamp = text(record, "SystemModstamp");
                try {
                    CanonicalRow row = mapper.map(type, record, known);
                    if (row != null && (stageEntries == null || isStageEntry(row, stageEntries))) {
                        records.add(new SourceRecord(row, type.apiName(), null, record::toString));
                        rememberConversion(record);
                    }
                } catch (BadValueException bad) {
                    refused.add(new DeadLetter(null, runId, name(), type.entity().fileName(), type.apiName(), null,
                            type.apiName() + " " + text(record, "Id") + ": " + bad.getMessage(), record.toString(),
                            OffsetDateTime.now()));
                }
                // one stream's SystemModstamps share one form (REST +0000, Bulk Z): text order is time order
                if (modstamp != null && modstamp.length() >= 20 && modstamp.charAt(10) == 'T'
                        && (latestModstamp == null || modstamp.compareTo(latestModstamp) > 0)) {
                    latestModstamp = modstamp;
                }
                if (records.size() + refused.size() >= config.batchSize()) {
                    flush();
                }
            }
        }

        /** What the store knows that this page's records refer to. */
        private RecordMapper.Known known(JsonNode pageRecords) {
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode record : pageRecords) {
                switch (type) {
                    case CONTACT, OPPORTUNITY, LEAD -> ids.add(text(record, "Id"));
                    case CAMPAIGN_MEMBER -> ids.add(text(record, "ContactId"));
                    case TASK, EVENT -> ids.add(text(record, "WhoId"));
                    default -> {
                    }
                }
            }
            ids.remove(null);
            if (ids.isEmpty()) {
                return RecordMapper.Known.NOTHING;
            }
            if (type == SObjectType.LEAD) {
                return new RecordMapper.Known(Map.of(), conversions.leadStages(ids));
            }
            if (type == SObjectType.CONTACT) {
                return new RecordMapper.Known(conversions.convertedFrom(ids), conversions.leadStages(ids));
            }
            return new RecordMapper.Known(conversions.convertedFrom(ids), Map.of());
        }

        private StageEntries stageEntries(JsonNode pageRecords) {
            awaitCommits();
            Set<String> dealIds = new LinkedHashSet<>();
            pageRecords.forEach(record -> dealIds.add(text(record, "OpportunityId")));
            dealIds.remove(null);
            return conversions.stageEntries(dealIds);
        }

        /** A deleted history row is passed on, to be marked deleted; a live one only if it changed the stage. */
        private static boolean isStageEntry(CanonicalRow row, StageEntries entries) {
            return row.deletedAt() != null || entries.enters((String) row.value("deal_id"), (String) row.value("stage"),
                    (OffsetDateTime) row.value("entered_at"));
        }

        private void rememberConversion(JsonNode record) {
            if (type == SObjectType.LEAD && flag(record, "IsConverted")) {
                String leadId = text(record, "Id");
                for (String field : List.of("ConvertedContactId", "ConvertedOpportunityId")) {
                    String recordId = text(record, field);
                    if (recordId != null) {
                        converted.put(recordId, leadId);
                    }
                }
            }
        }

        /**
         * Hands the batch to the committer, which writes it while the next one is read; at most
         * {@link #IN_FLIGHT} batches wait, so memory stays bounded.
         */
        private void flush() {
            if (read == 0) {
                return;
            }
            conversions.rememberConversions(converted);
            String cursor = cursor();
            Batch batch = new Batch(runId, name(), type.entity(), read, List.copyOf(records), List.copyOf(refused),
                    cursor == null || holdCursor ? null : type.apiName(), cursor);
            while (inFlight.size() >= IN_FLIGHT) {
                join(inFlight.removeFirst());
            }
            Map<String, OffsetDateTime> firstResponses = type.entity() == Entity.ACTIVITIES
                    ? earliestActivityPerLead(batch.records()) : Map.of();
            inFlight.addLast(CompletableFuture.supplyAsync(() -> transactions.execute(tx -> {
                RunCounts counts = writer.commit(batch, CompletableFuture.completedFuture(null));
                conversions.advanceFirstResponses(firstResponses, runId);
                return counts;
            }), committer));
            records.clear();
            refused.clear();
            converted.clear();
            read = 0;
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** The run used the configured share of the org's daily API requests. */
    static class BudgetReachedException extends RuntimeException {
        BudgetReachedException(String message) {
            super(message);
        }
    }
}
