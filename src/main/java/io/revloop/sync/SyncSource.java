package io.revloop.sync;

import java.util.List;

/** A system the hub pulls from. Each run commits its records through {@link BatchWriter}. */
public interface SyncSource {

    /** The name used in the API and config, e.g. {@code files}. */
    String name();

    /** Whether it runs on a schedule, and which: its configuration. */
    SourceSchedule scheduling();

    /** Whether a scheduled run would find anything to do (a scheduled run with nothing to do is not recorded). */
    boolean hasPendingWork();

    /**
     * What a run starting now would leave for a later one, said for people, e.g. the inbox's files
     * still being written ({@code leads.csv (changed 1 s ago)}); recorded with the run. Empty by default.
     */
    default List<String> waiting() {
        return List.of();
    }

    /**
     * Runs one sync. Returns the problems that make the run fail although the rest was imported
     * (e.g. a rejected file); empty when there were none. Throws when the run could not go on.
     */
    List<String> sync(long runId) throws Exception;
}
