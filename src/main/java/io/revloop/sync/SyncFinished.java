package io.revloop.sync;

/**
 * Published in the run's thread once a run has finished and its status is recorded — succeeded or
 * failed, as a failed run may still have committed batches. Listeners, in their order: operations
 * alerts (-100), lead scoring (0), the phase {@code computing} (50), the KPI recompute (100); they
 * find the records the run changed by {@code sync_run_id = runId}. {@code error} is the run's error
 * (null when it succeeded); {@code credentialsRefused} tells that the source refused the hub's
 * credentials (an expired or revoked token).
 */
public record SyncFinished(long runId, String source, String status, String error, boolean credentialsRefused) {
}
