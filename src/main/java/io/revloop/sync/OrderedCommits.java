package io.revloop.sync;

import io.revloop.store.SqlDialect;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The batches of one stream in flight: up to {@code writers} are written at once, each on its own
 * connection, but each commits only after the one before it (it is handed that one's future, see
 * {@link BatchWriter#commit}), so what is committed is always the stream up to a cursor. A batch
 * sharing a record id with one in flight waits for it: each would otherwise wait for the other's row.
 * Used by one thread, the stream's reader.
 */
public final class OrderedCommits {

    /** A batch handed to a committer: its commit, and the ids of its records. */
    private record InFlight(CompletableFuture<RunCounts> commit, Set<String> ids) {
    }

    private final Executor committer;
    private final int writers;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private RunCounts committed = RunCounts.NONE;

    public OrderedCommits(Executor committer, int writers) {
        this.committer = committer;
        this.writers = writers;
    }

    /**
     * Batches written at once on {@code dialect}: two connections on PostgreSQL; one on HSQLDB, which
     * runs inside the hub and writes one transaction at a time anyway.
     */
    public static int writersFor(SqlDialect dialect) {
        return dialect == SqlDialect.POSTGRESQL ? 2 : 1;
    }

    /** The ids of the records of {@code batches} (entity and external id), as {@link #submit} compares them. */
    public static Set<String> idsOf(List<BatchWriter.Batch> batches) {
        Set<String> ids = new HashSet<>();
        for (BatchWriter.Batch batch : batches) {
            batch.records().forEach(r -> ids.add(batch.entity().ordinal() + ":" + r.row().externalId()));
        }
        return ids;
    }

    /**
     * Hands a batch with record ids {@code ids} to a committer; {@code commit} writes it, given the
     * future of the batch before it. Waits first while as many batches as writers are in flight.
     */
    public void submit(Set<String> ids, Function<CompletableFuture<?>, RunCounts> commit) {
        if (inFlight.stream().anyMatch(other -> !Collections.disjoint(ids, other.ids()))) {
            awaitAll();
        }
        while (inFlight.size() >= writers) {
            awaitOldest();
        }
        // a batch no longer in flight has committed, so with none in flight there is nothing to wait for
        CompletableFuture<?> previous = inFlight.isEmpty() ? CompletableFuture.completedFuture(null)
                : inFlight.peekLast().commit();
        inFlight.addLast(new InFlight(CompletableFuture.supplyAsync(() -> commit.apply(previous), committer), ids));
    }

    /** Waits for every batch in flight; the counts of all committed so far. A failed batch's error is thrown. */
    public RunCounts awaitAll() {
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
        return committed;
    }

    /** Waits for every batch in flight, whatever its outcome: a failing stream leaves nothing running. */
    public void abandon() {
        while (!inFlight.isEmpty()) {
            try {
                awaitOldest();
            } catch (RuntimeException alreadyFailing) {
                // the failure that ended the stream is the one reported
            }
        }
    }

    private void awaitOldest() {
        try {
            committed = committed.plus(inFlight.removeFirst().commit().join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
