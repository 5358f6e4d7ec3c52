package io.revloop.sync;

import io.revloop.model.CanonicalRow;

/** A mapped record with where it came from, so a record the store refuses can be dead-lettered. */
public record SourceRecord(CanonicalRow row, String origin, Long line, String payload) {
}
