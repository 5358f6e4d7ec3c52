package io.revloop.source.check;

import io.revloop.config.RequiredSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The settings a connection check needs that are not set, as {@link ConnectionCheck#notReady()} says them. */
public final class UnsetSettings {

    private final String prefix;
    private final List<String> problems = new ArrayList<>();

    private UnsetSettings(String prefix) {
        this.prefix = prefix;
    }

    /** The settings under {@code prefix} ({@code revloop.sources.ga4}). */
    public static UnsetSettings of(String prefix) {
        return new UnsetSettings(prefix);
    }

    /** A text, secret or other value that must be set. */
    public UnsetSettings require(String key, Object value) {
        if (RequiredSettings.missing(value)) {
            problems.add(prefix + "." + key + " is empty");
        }
        return this;
    }

    /** A file that must be set and readable. */
    public UnsetSettings requireReadableFile(String key, Path file) {
        require(key, file);
        if (file != null && !Files.isReadable(file)) {
            problems.add(prefix + "." + key + " (" + file + ") is not a readable file");
        }
        return this;
    }

    /** "not configured: " and every setting missing, or nothing when all are set. */
    public List<String> problems() {
        return problems.isEmpty() ? List.of() : List.of("not configured: " + String.join(", ", problems));
    }
}
