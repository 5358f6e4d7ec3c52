package io.revloop.sync;

import io.revloop.source.http.AuthenticationException;
import io.revloop.store.SyncRunRepository;
import java.time.Clock;
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
 * run's id. A failing source never stops another. The hub knows the sources of {@link #KNOWN}; one
 * that is switched off and cannot run by hand (Salesforce, built only when enabled) is disabled.
 */
@Component
public class SyncRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    /** Every source the hub can pull from, in the order the API lists them. */
    public static final List<String> KNOWN = List.of("files", "salesforce", "hubspot", "ga4", "google-ads",
            "linkedin-ads", "meta-ads");

    private final Map<String, SyncSource> sources;
    private final ApplicationEventPublisher events;
    private final SyncRunRepository runs;
    private final SyncMetrics metrics;
    private final Clock clock;
    private final Map<String, Long> running = new ConcurrentHashMap<>();
    /** When a scheduled run last found its source with nothing to do (an empty inbox is up to date). */
    private final Map<String, OffsetDateTime> upToDateAt = new ConcurrentHashMap<>();
    private final ExecutorService manualRuns = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "sync-run");
        thread.setDaemon(true);
        return thread;
    });

    public SyncRunner(List<SyncSource> sources, SyncRunRepository runs, ApplicationEventPublisher events,
                      SyncMetrics metrics, Clock clock) {
        this.events = events;
        this.clock = clock;
        this.sources = sources.stream().collect(Collectors.toMap(SyncSource::name, Function.identity()));
        this.runs = runs;
        this.metrics = metrics;
        this.sources.keySet().stream().filter(name -> !KNOWN.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalStateException("source '" + name + "' is missing from SyncRunner.KNOWN");
        });
    }

    /** Runs left "running" by a stopped hub are marked failed; their sources resume from their cursors. */
    @PostConstruct
    public void failInterruptedRuns() {
        int interrupted = runs.failInterrupted(OffsetDateTime.now(clock));
        if (interrupted > 0) {
            log.warn("{} sync run(s) were interrupted by the last stop and are marked failed", interrupted);
        }
    }

    /** The source of that name when the hub has built it; empty for a disabled Salesforce. */
    public Optional<SyncSource> find(String sourceName) {
        return Optional.ofNullable(sources.get(requireKnown(sourceName)));
    }

    /** The name itself; throws {@link UnknownSourceException} (listing the known ones) for any other. */
    public static String requireKnown(String sourceName) {
        if (sourceName == null || !KNOWN.contains(sourceName)) {
            throw new UnknownSourceException(sourceName, KNOWN);
        }
        return sourceName;
    }

    /** When a scheduled run last found the source with nothing to do; empty if none did since the start. */
    public Optional<OffsetDateTime> upToDateAt(String sourceName) {
        return Optional.ofNullable(upToDateAt.get(sourceName));
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
        if (running.containsKey(sourceName)) {
            return;
        }
        if (!source.hasPendingWork()) {
            upToDateAt.put(sourceName, OffsetDateTime.now(clock));
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
        return find(name).orElseThrow(() -> new SourceDisabledException(name));
    }

    private long claimManual(SyncSource source, List<String> waiting) {
        return claim(source, "manual", waiting).orElseThrow(() -> new AlreadyRunningException(source.name(),
                running.get(source.name())));
    }

    private synchronized Optional<Long> claim(SyncSource source, String trigger, List<String> waiting) {
        if (running.containsKey(source.name())) {
            return Optional.empty();
        }
        long runId = runs.create(source.name(), trigger, OffsetDateTime.now(clock), waiting);
        running.put(source.name(), runId);
        return Optional.of(runId);
    }

    private void execute(SyncSource source, long runId) {
        long started = System.nanoTime();
        HeapWatch.reset();
        String status = SyncRunRepository.FAILED;
        String error;
        boolean credentialsRefused = false;
        try {
            List<String> problems = source.sync(runId);
            status = problems.isEmpty() ? SyncRunRepository.SUCCEEDED : SyncRunRepository.FAILED;
            error = problems.isEmpty() ? null : String.join("; ", problems);
        } catch (Exception | Error e) {
            error = describe(e);
            credentialsRefused = causedBy(e, AuthenticationException.class);
            log.error("{} run {} failed", source.name(), runId, e);
        }
        try {
            runs.finish(runId, status, error, OffsetDateTime.now(clock));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            runs.find(runId).ifPresent(run -> {
                logSummary(run, took);
                metrics.runFinished(run, took);
            });
            events.publishEvent(new SyncFinished(runId, source.name(), status, error, credentialsRefused));
        } catch (RuntimeException e) {
            log.error("Work after {} run {} failed; the run's records are stored", source.name(), runId, e);
        } finally {
            // the source counts as running until the work after the run (scoring, KPIs) is done too
            try {
                runs.enterPhase(runId, SyncRunRepository.DONE);
            } finally {
                running.remove(source.name());
            }
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void logSummary(SyncRunView run, Duration took) {
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        log.info("{} run {} {}: {} records read, {} upserted, {} deleted, {} dead-lettered in {} s"
                        + " ({} records/s, peak heap after GC {} MB of {} MB)", run.source(), run.id(), run.status(),
                run.recordsRead(), run.upserted(), run.deleted(), run.deadLettered(), String.format("%.1f", seconds),
                Math.round(run.recordsRead() / seconds), HeapWatch.peakAfterGcMegabytes(),
                HeapWatch.maxHeapMegabytes());
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

    /** A run was asked for a source the hub does not know. */
    public static class UnknownSourceException extends RuntimeException {
        UnknownSourceException(String source, List<String> known) {
            super("source: " + (source == null ? "missing" : "'" + source + "' is not a source") + "; use one of "
                    + String.join(", ", known));
        }
    }

    /** A run was asked for a known source that is switched off (and so not built). */
    public static class SourceDisabledException extends RuntimeException {
        SourceDisabledException(String source) {
            super(source + " is disabled: set revloop.sources." + source + ".enabled=true");
        }
    }
}
