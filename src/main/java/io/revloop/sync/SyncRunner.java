package io.revloop.sync;

import io.revloop.store.SyncRunRepository;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import jakarta.annotation.PostConstruct;
import org.springframework.stereotype.Component;

/**
 * Starts and records sync runs. One run per source at a time: a schedule that fires while its
 * source is still running skips, and a run started by hand meanwhile is refused with the running
 * run's id. A failing source never stops another.
 */
@Component
public class SyncRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final Map<String, SyncSource> sources;
    private final ApplicationEventPublisher events;
    private final SyncRunRepository runs;
    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final ExecutorService manualRuns = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "sync-run");
        thread.setDaemon(true);
        return thread;
    });

    public SyncRunner(List<SyncSource> sources, SyncRunRepository runs, ApplicationEventPublisher events) {
        this.events = events;
        this.sources = sources.stream().collect(Collectors.toMap(SyncSource::name, Function.identity()));
        this.runs = runs;
    }

    /** Runs left "running" by a stopped hub are marked failed; their sources resume from their cursors. */
    @PostConstruct
    public void failInterruptedRuns() {
        int interrupted = runs.failInterrupted(OffsetDateTime.now());
        if (interrupted > 0) {
            log.warn("{} sync run(s) were interrupted by the last stop and are marked failed", interrupted);
        }
    }

    public List<String> sourceNames() {
        return sources.keySet().stream().sorted().toList();
    }

    /** Starts a run now, in the background; returns its id and the work it leaves for a later run. */
    public Started start(String sourceName) {
        SyncSource source = source(sourceName);
        List<String> waiting = source.waiting();
        long runId = claimManual(source, waiting);
        manualRuns.submit(() -> execute(source, runId));
        return new Started(runId, waiting);
    }

    /** The scheduled run: records a run only when the source has something to do. Called by the routes. */
    public void runScheduled(String sourceName) {
        SyncSource source = source(sourceName);
        if (running.containsKey(sourceName) || !source.hasPendingWork()) {
            return;
        }
        claim(source, "schedule", source.waiting()).ifPresent(runId -> execute(source, runId));
    }

    /** Whether a run of the source, or the work after it (scoring, KPIs), is in progress. */
    public boolean isRunning(String sourceName) {
        return running.containsKey(sourceName);
    }

    /** Runs a sync in the caller's thread and returns its id once it has finished. */
    public long runNow(String sourceName) {
        SyncSource source = source(sourceName);
        long runId = claimManual(source, source.waiting());
        execute(source, runId);
        return runId;
    }

    private SyncSource source(String name) {
        SyncSource source = sources.get(name);
        if (source == null) {
            throw new UnknownSourceException(name, sourceNames());
        }
        return source;
    }

    private long claimManual(SyncSource source, List<String> waiting) {
        return claim(source, "manual", waiting).orElseThrow(() -> new AlreadyRunningException(source.name(),
                running.get(source.name())));
    }

    private synchronized Optional<Long> claim(SyncSource source, String trigger, List<String> waiting) {
        if (running.containsKey(source.name())) {
            return Optional.empty();
        }
        long runId = runs.create(source.name(), trigger, OffsetDateTime.now(), waiting);
        running.put(source.name(), runId);
        return Optional.of(runId);
    }

    private void execute(SyncSource source, long runId) {
        long started = System.nanoTime();
        HeapWatch.reset();
        String status = SyncRunRepository.FAILED;
        String error;
        try {
            List<String> problems = source.sync(runId);
            status = problems.isEmpty() ? SyncRunRepository.SUCCEEDED : SyncRunRepository.FAILED;
            error = problems.isEmpty() ? null : String.join("; ", problems);
        } catch (Exception | Error e) {
            error = describe(e);
            log.error("{} run {} failed", source.name(), runId, e);
        }
        try {
            runs.finish(runId, status, error, OffsetDateTime.now());
            logSummary(source.name(), runId, status, Duration.ofNanos(System.nanoTime() - started));
            events.publishEvent(new SyncFinished(runId, source.name(), status));
        } catch (RuntimeException e) {
            log.error("Work after {} run {} failed; the run's records are stored", source.name(), runId, e);
        } finally {
            // the source counts as running until the work after the run (scoring, KPIs) is done too
            running.remove(source.name());
        }
    }

    private void logSummary(String source, long runId, String status, Duration took) {
        runs.find(runId).ifPresent(run -> {
            double seconds = Math.max(took.toMillis(), 1) / 1000.0;
            log.info("{} run {} {}: {} records read, {} upserted, {} deleted, {} dead-lettered in {} s"
                            + " ({} records/s, peak heap after GC {} MB of {} MB)", source, runId, status,
                    run.recordsRead(), run.upserted(), run.deleted(), run.deadLettered(), String.format("%.1f", seconds),
                    Math.round(run.recordsRead() / seconds), HeapWatch.peakAfterGcMegabytes(),
                    HeapWatch.maxHeapMegabytes());
        });
    }

    /** The error and its root cause, which usually says what really happened. */
    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return root == error ? text : text + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    @Override
    public void close() {
        manualRuns.shutdownNow();
    }

    /** A run just started: its id, and what it leaves for a later run (files still being written). */
    public record Started(long id, List<String> waiting) {
    }

    /** A run was asked for a source that is still running. */
    public static class AlreadyRunningException extends RuntimeException {
        private final long runningId;

        AlreadyRunningException(String source, Long runningId) {
            super(source + " is already running (run " + runningId + ")");
            this.runningId = runningId == null ? -1 : runningId;
        }

        public long runningId() {
            return runningId;
        }
    }

    /** A run was asked for a source the hub does not have. */
    public static class UnknownSourceException extends RuntimeException {
        UnknownSourceException(String source, List<String> known) {
            super("unknown source '" + source + "'; sources are " + known);
        }
    }
}
