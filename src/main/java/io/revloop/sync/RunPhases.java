package io.revloop.sync;

import io.revloop.store.SyncRunRepository;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The phase a run shows while the work after it goes on: {@link SyncRunRepository#finish} sets
 * {@code scoring} (lead scoring listens first), this listener {@code computing} between scoring and
 * the KPI recompute, and {@link SyncRunner} {@code done} once every listener has returned.
 */
@Component
class RunPhases {

    private final SyncRunRepository runs;

    RunPhases(SyncRunRepository runs) {
        this.runs = runs;
    }

    @EventListener
    @Order(50)
    public void computing(SyncFinished run) {
        runs.enterPhase(run.runId(), SyncRunRepository.COMPUTING);
    }
}
