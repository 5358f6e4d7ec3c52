package io.revloop.sync;

import java.time.OffsetDateTime;
import java.util.List;

/** A sync run as the REST API shows it; {@code waiting}: what it left for a later run ({@link SyncSource#waiting}). */
public record SyncRunView(long id, String source, String status, OffsetDateTime startedAt,
                          OffsetDateTime finishedAt, long recordsRead, long upserted, long deleted,
                          long deadLettered, String error, List<String> waiting) {
}
