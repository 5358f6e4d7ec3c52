package io.revloop.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.revloop.store.SyncRunRepository;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A sync run as the REST API shows it. {@code phase} is where the run is: {@code importing}, then
 * {@code scoring} and {@code computing} (the work after it), then {@code done}. {@code recordsTotal} is
 * what the run expects to read (a file import estimates it from its files; null when the source
 * cannot tell). {@code waiting} is what it left for a later run ({@link SyncSource#waiting}).
 */
public record SyncRunView(long id, String source, String status, OffsetDateTime startedAt,
                          OffsetDateTime finishedAt, long recordsRead, long upserted, long deleted,
                          long deadLettered, String error, List<String> waiting, String phase,
                          Long recordsTotal) {

    /**
     * The share of the import done, 0–1: records read of the expected total (capped at 1, as the total
     * is an estimate), 1 once the import has succeeded; null when the total is unknown.
     */
    @JsonProperty
    public Double progress() {
        if (recordsTotal == null) {
            return null;
        }
        if (SyncRunRepository.SUCCEEDED.equals(status) || recordsTotal == 0) {
            return 1.0;
        }
        return Math.min(1.0, (double) recordsRead / recordsTotal);
    }

    /**
     * Rows the run dead-lettered: a run that succeeded with warnings imported everything else, and
     * these rows are waiting in {@code GET /api/dead-letters} to be fixed.
     */
    @JsonProperty
    public long warnings() {
        return deadLettered;
    }
}
