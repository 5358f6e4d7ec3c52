package io.revloop.source.hubspot;

import io.revloop.model.CanonicalRow;
import io.revloop.model.Entity;
import io.revloop.store.DeadLetter;
import io.revloop.sync.BatchWriter;
import io.revloop.sync.BatchWriter.Batch;
import io.revloop.sync.OrderedCommits;
import io.revloop.sync.RunCounts;
import io.revloop.sync.SourceRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Collects the records of one object stream and commits them in batches at page boundaries, each
 * with the stream's cursor after that page. A batch holds several entities (a contact page gives
 * leads, touchpoints and activities): they are written parents first, in one transaction with the
 * stream's cursor, so a crash loses at most the batches in flight and replays their pages harmlessly.
 * Batches are written on the {@code committer} threads while the next one is read — up to
 * {@code writers} at once, each on its own connection (two on PostgreSQL) — but each commits only
 * after the one before it, so what is committed is always the stream up to a cursor. A batch sharing
 * a record id with one in flight waits for it (a merged contact can appear on two pages).
 */
final class StreamWriter implements AutoCloseable {

    private final BatchWriter writer;
    private final long runId;
    private final String stream;
    private final Entity primary;
    private final int batchSize;
    private final Map<Entity, List<SourceRecord>> records = new EnumMap<>(Entity.class);
    private final List<DeadLetter> refused = new ArrayList<>();
    private long read;
    private int pending;
    private String cursor;
    private boolean cursorMoved;
    private final OrderedCommits commits;

    StreamWriter(BatchWriter writer, long runId, String stream, Entity primary, int batchSize, Executor committer,
                 int writers) {
        this.writer = writer;
        this.runId = runId;
        this.stream = stream;
        this.primary = primary;
        this.batchSize = batchSize;
        this.commits = new OrderedCommits(committer, writers);
    }

    void add(List<CanonicalRow> rows, String origin, Supplier<String> payload) {
        read++;
        for (CanonicalRow row : rows) {
            records.computeIfAbsent(row.entity(), e -> new ArrayList<>()).add(new SourceRecord(row, origin, null, payload));
            pending++;
        }
    }

    void refuse(DeadLetter letter) {
        read++;
        refused.add(letter);
        pending++;
    }

    /** A page is done; the stream stands at {@code cursorAfterPage} once what was added is committed. */
    void pageDone(String cursorAfterPage) {
        cursorMoved |= !cursorAfterPage.equals(cursor);
        cursor = cursorAfterPage;
        if (pending >= batchSize) {
            flush();
        }
    }

    /** Commits what is left and returns the counts of everything committed. */
    RunCounts finish() {
        flush();
        return commits.awaitAll();
    }

    /** Waits for the batches being written, whatever their outcome: a failing stream leaves nothing running. */
    @Override
    public void close() {
        commits.abandon();
    }

    private void flush() {
        if (pending == 0 && read == 0 && !cursorMoved) {
            return;
        }
        List<Entity> entities = new ArrayList<>(records.keySet());
        if (!entities.contains(primary)) {
            entities.add(0, primary);
        }
        entities.sort(null);
        List<Batch> batches = new ArrayList<>(entities.size());
        for (int i = 0; i < entities.size(); i++) {
            boolean first = i == 0;
            boolean last = i == entities.size() - 1;
            Entity entity = entities.get(i);
            batches.add(new Batch(runId, HubSpotSource.NAME, entity, first ? read : 0,
                    records.getOrDefault(entity, List.of()), first ? List.copyOf(refused) : List.of(),
                    last && cursor != null ? stream : null, last ? cursor : null));
        }
        records.clear();
        refused.clear();
        read = 0;
        pending = 0;
        cursorMoved = false;
        commits.submit(OrderedCommits.idsOf(batches), previous -> writer.commitAll(batches, previous));
    }
}
