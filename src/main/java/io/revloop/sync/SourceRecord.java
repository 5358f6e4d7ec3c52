package io.revloop.sync;

import io.revloop.model.CanonicalRow;
import java.util.function.Supplier;

/**
 * A mapped record with where it came from, so a record the store refuses can be dead-lettered with
 * its original text ({@code payload} is only rendered then).
 */
public record SourceRecord(CanonicalRow row, String origin, Long line, Supplier<String> payload) {
}
