package io.revloop.source.check;

/**
 * The answer of {@code POST /api/sources/{name}/test}: whether the source answered as it should,
 * what is wrong otherwise (plain words naming the setting to fix) and how long the check took.
 */
public record ConnectionTest(String source, boolean ok, String message, long durationMs) {
}
