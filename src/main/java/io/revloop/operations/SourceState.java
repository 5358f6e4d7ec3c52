package io.revloop.operations;

import java.time.OffsetDateTime;

/**
 * A source as {@code GET /api/sources} shows it. {@code status}: {@code disabled} (not on its schedule),
 * {@code failing} (its last run failed), {@code stale} (no success for longer than its stale limit),
 * {@code never} (no run finished yet), else {@code ok}. {@code error}: why it is failing or stale.
 */
public record SourceState(String name, boolean enabled, String status, Long lastRunId, OffsetDateTime lastSuccessAt,
                          String lastRunStatus, OffsetDateTime nextRunAt, String error) {

    public static final String OK = "ok";
    public static final String FAILING = "failing";
    public static final String STALE = "stale";
    public static final String NEVER = "never";
    public static final String DISABLED = "disabled";
}
