package io.revloop.sync;

/** What a run has done so far; every batch adds its own counts once it has committed. */
public record RunCounts(long recordsRead, long upserted, long deleted, long deadLettered) {

    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0);

    public RunCounts plus(RunCounts other) {
        return new RunCounts(recordsRead + other.recordsRead, upserted + other.upserted,
                deleted + other.deleted, deadLettered + other.deadLettered);
    }
}
