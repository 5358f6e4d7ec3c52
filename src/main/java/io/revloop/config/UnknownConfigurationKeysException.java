package io.revloop.config;

import java.util.List;

/** Configuration keys under {@code revloop.} that no setting reads; each entry names the key, where it was set and the closest known key. */
public class UnknownConfigurationKeysException extends RuntimeException {

    private final List<String> problems;

    public UnknownConfigurationKeysException(List<String> problems) {
        super("unknown configuration keys: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
