package io.revloop.sync;

import java.time.OffsetDateTime;

/** A sync run as the REST API shows it. */
public record SyncRunView(long id, String source, String status, OffsetDateTime startedAt,
                          OffsetDateTime finishedAt, long recordsRead, long upserted, long deleted,
                          long deadLettered, String error) {
}
