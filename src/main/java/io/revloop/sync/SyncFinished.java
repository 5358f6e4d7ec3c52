package io.revloop.sync;

/**
 * Published in the run's thread once a run has finished and its status is recorded — succeeded or
 * failed, as a failed run may still have committed batches. Listeners (lead scoring, then the KPI
 * recompute) find the records the run changed by {@code sync_run_id = runId}.
 */
public record SyncFinished(long runId, String source, String status) {
}
