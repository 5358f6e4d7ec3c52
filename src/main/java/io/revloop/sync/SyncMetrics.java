package io.revloop.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Sync metrics per source (names in docs/operations.md): runs by status, their duration, and the
 * records they read, upserted, deleted and dead-lettered. Counted when a run finishes.
 */
@Component
public class SyncMetrics {

    private final MeterRegistry registry;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void runFinished(SyncRunView run, Duration took) {
        String source = run.source();
        Counter.builder("revloop.sync.runs").description("Sync runs finished, by source and status")
                .tags("source", source, "status", run.status()).register(registry).increment();
        Timer.builder("revloop.sync.duration").description("Duration of sync runs (import only)")
                .tags("source", source, "status", run.status()).register(registry).record(took);
        records("read", "Records read by sync runs", source, run.recordsRead());
        records("upserted", "Records inserted or changed by sync runs", source, run.upserted());
        records("deleted", "Records newly marked deleted by sync runs", source, run.deleted());
        records("dead.lettered", "Rows and files sync runs put in dead_letters", source, run.deadLettered());
    }

    private void records(String what, String description, String source, long count) {
        Counter.builder("revloop.sync.records." + what).description(description).tag("source", source)
                .register(registry).increment(count);
    }
}
