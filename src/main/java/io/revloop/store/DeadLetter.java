package io.revloop.store;

import java.time.OffsetDateTime;

/** A record that could not be imported, with where it came from and why. */
public record DeadLetter(Long id, Long runId, String source, String entity, String file, Long line,
                         String reason, String payload, OffsetDateTime createdAt) {
}
