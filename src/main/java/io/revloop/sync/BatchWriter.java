package io.revloop.sync;

import io.revloop.model.CanonicalRow;
import io.revloop.model.Entity;
import io.revloop.store.CanonicalStore;
import io.revloop.store.DeadLetter;
import io.revloop.store.DeadLetterRepository;
import io.revloop.store.SyncRunRepository;
import io.revloop.store.SyncStateRepository;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits one batch of a source stream in a single transaction: the records (upserted, or
 * soft-deleted), the dead letters, the stream's cursor and the run's counts. A crash therefore
 * loses at most the batch in flight, and replaying it is harmless.
 *
 * <p>Records whose parent is unknown (a stage change of a deal the store does not have) are
 * dead-lettered. If the database refuses a statement, the batch is retried record by record, so
 * only the records it refuses are dead-lettered.
 */
@Component
public class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final TransactionTemplate transactions;
    private final CanonicalStore store;
    private final DeadLetterRepository deadLetters;
    private final SyncStateRepository syncState;
    private final SyncRunRepository runs;

    public BatchWriter(TransactionTemplate transactions, CanonicalStore store, DeadLetterRepository deadLetters,
                       SyncStateRepository syncState, SyncRunRepository runs) {
        this.transactions = transactions;
        this.store = store;
        this.deadLetters = deadLetters;
        this.syncState = syncState;
        this.runs = runs;
    }

    /** One batch: the records of one entity read since the last cursor, and those already refused. */
    public record Batch(long runId, String source, Entity entity, long recordsRead, List<SourceRecord> records,
                        List<DeadLetter> refused, String stream, String cursor) {
    }

    /**
     * Writes the batch in a transaction that commits only once {@code previous} — the batch before
     * it in the same stream — has committed, and rolls back if that failed: batches may be written
     * concurrently, but what is committed is always a prefix of the stream. Concurrent batches must
     * not share record ids (the caller waits otherwise), or each would wait for the other's row.
     */
    public RunCounts commit(Batch batch, CompletableFuture<?> previous) {
        return commitAll(List.of(batch), previous);
    }

    /**
     * Writes batches of several entities of one page — parents first, as given — in one transaction,
     * which commits only once {@code previous} has, as {@link #commit} does: a child's parent written
     * by an earlier batch of the list counts as known without asking the database (a contact page's
     * touchpoints belong to its own leads).
     */
    public RunCounts commitAll(List<Batch> batches, CompletableFuture<?> previous) {
        return transactions.execute(tx -> {
            Map<Entity, Set<String>> written = new EnumMap<>(Entity.class);
            RunCounts counts = RunCounts.NONE;
            for (Batch batch : batches) {
                counts = counts.plus(writeRecords(batch, tx, written));
            }
            // the cursor and the run's counts are rows every batch writes: touch them only once the
            // batch before has committed, or two batches would wait for each other
            previous.join();
            for (Batch batch : batches) {
                if (batch.stream() != null) {
                    syncState.put(batch.source(), batch.stream(), batch.cursor());
                }
            }
            runs.addCounts(batches.get(0).runId(), counts);
            return counts;
        });
    }

    /**
     * The batch's records and dead letters; {@code written}: ids this transaction has written so far,
     * per entity, to which the batch's own are added.
     */
    private RunCounts writeRecords(Batch batch, TransactionStatus tx, Map<Entity, Set<String>> written) {
        OffsetDateTime now = OffsetDateTime.now();
        List<DeadLetter> letters = new ArrayList<>(batch.refused());
        List<SourceRecord> accepted = withKnownParent(batch, letters, now, written);
        List<SourceRecord> live = new ArrayList<>();
        List<SourceRecord> deleted = new ArrayList<>();
        for (SourceRecord record : lastPerId(accepted)) {
            (record.row().deletedAt() == null ? live : deleted).add(record);
        }
        int lettersBefore = letters.size();
        long upserted = upsert(batch, live, letters, tx, now);
        long removed = upsert(batch, deleted, letters, tx, now);
        if (letters.size() == lettersBefore) {
            // all of them written (none refused by the database): known parents for the batches after
            Set<String> ids = written.computeIfAbsent(batch.entity(), e -> new HashSet<>());
            accepted.forEach(record -> ids.add(record.row().externalId()));
        }
        deadLetters.insert(letters);
        return new RunCounts(batch.recordsRead(), upserted, removed, letters.size());
    }

    private List<SourceRecord> withKnownParent(Batch batch, List<DeadLetter> letters, OffsetDateTime now,
                                               Map<Entity, Set<String>> written) {
        var parent = batch.entity().parent();
        if (parent.isEmpty() || batch.records().isEmpty()) {
            return batch.records();
        }
        String field = parent.get().field();
        Set<String> writtenParents = written.getOrDefault(parent.get().entity(), Set.of());
        Set<String> wanted = new HashSet<>();
        batch.records().forEach(r -> wanted.add((String) r.row().value(field)));
        wanted.removeAll(writtenParents);
        Set<String> known = new HashSet<>(store.existingIds(parent.get().entity(), batch.source(), wanted));
        known.addAll(writtenParents);
        List<SourceRecord> accepted = new ArrayList<>(batch.records().size());
        for (SourceRecord record : batch.records()) {
            String id = (String) record.row().value(field);
            if (known.contains(id)) {
                accepted.add(record);
            } else {
                letters.add(deadLetter(batch, record, "unknown " + parent.get().entity().fileName()
                        .replaceAll("s$", "") + " '" + id + "' in " + field, now));
            }
        }
        return accepted;
    }

    /** A batch may carry the same record twice (an export with duplicates): the last one wins. */
    private static List<SourceRecord> lastPerId(List<SourceRecord> records) {
        Map<String, SourceRecord> byId = new LinkedHashMap<>();
        records.forEach(r -> byId.put(r.row().externalId(), r));
        return byId.size() == records.size() ? records : new ArrayList<>(byId.values());
    }

    private long upsert(Batch batch, List<SourceRecord> records, List<DeadLetter> letters, TransactionStatus tx,
                        OffsetDateTime now) {
        if (records.isEmpty()) {
            return 0;
        }
        Object savepoint = tx.createSavepoint();
        try {
            return store.upsert(batch.source(), rows(records), batch.runId(), now);
        } catch (DataAccessException refused) {
            tx.rollbackToSavepoint(savepoint);
            log.warn("{} {}: the database refused a batch ({}); retrying record by record", batch.source(),
                    batch.entity().fileName(), rootMessage(refused));
            return oneByOne(batch, records, letters, tx, now);
        }
    }

    private long oneByOne(Batch batch, List<SourceRecord> records, List<DeadLetter> letters, TransactionStatus tx,
                          OffsetDateTime now) {
        long changed = 0;
        for (SourceRecord record : records) {
            Object savepoint = tx.createSavepoint();
            try {
                changed += store.upsert(batch.source(), List.of(record.row()), batch.runId(), now);
                tx.releaseSavepoint(savepoint);
            } catch (DataAccessException refused) {
                tx.rollbackToSavepoint(savepoint);
                letters.add(deadLetter(batch, record, "refused by the database: " + rootMessage(refused), now));
            }
        }
        return changed;
    }

    private static List<CanonicalRow> rows(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::row).toList();
    }

    private static DeadLetter deadLetter(Batch batch, SourceRecord record, String reason, OffsetDateTime now) {
        return new DeadLetter(null, batch.runId(), batch.source(), batch.entity().fileName(), record.origin(),
                record.line(), reason, record.payload().get(), now);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
