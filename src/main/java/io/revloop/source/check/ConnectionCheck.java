package io.revloop.source.check;

import java.util.List;

/**
 * The "test connection" of one source: one cheap, read-only call that shows whether the configured
 * credentials reach the source and may read what a sync reads. Nothing is written, here or there.
 */
public interface ConnectionCheck {

    /** The source's name, as in the API and the configuration ({@code hubspot}). */
    String source();

    /** Whether the source syncs; a disabled source is checked all the same when it is configured. */
    boolean enabled();

    /**
     * What keeps the check from being made, each said for people ({@code not configured:
     * revloop.sources.ga4.property-id is empty}); empty when the check can be made.
     */
    List<String> notReady();

    /** Makes the call; returns what it found, in words. Throws when the source refuses or does not answer. */
    String run() throws Exception;

    /** A failure of {@link #run()} in words: what is wrong and which setting to fix, never a secret. */
    String explain(Exception failure);
}
