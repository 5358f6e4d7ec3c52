package io.revloop.source.check;

import io.revloop.sync.SourceSchedule;

/**
 * The check of a connector that calls an HTTP API, configured by {@code settings}: its failures are
 * said by {@link RemoteWords}.
 */
public abstract class RemoteCheck<S extends SourceSchedule> implements ConnectionCheck {

    protected final S settings;
    private final String source;
    private final RemoteWords words;

    protected RemoteCheck(String source, S settings, RemoteWords words) {
        this.source = source;
        this.settings = settings;
        this.words = words;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public String explain(Exception failure) {
        return words.explain(failure);
    }
}
