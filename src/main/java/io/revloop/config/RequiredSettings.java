package io.revloop.config;

import io.revloop.security.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings an enabled source or sink cannot work without, checked when the configuration is
 * bound, so a hub with a half-configured connector stops at start naming every missing key rather
 * than failing at its first scheduled run hours later. All connectors check alike:
 * <pre>
 * RequiredSettings.of("revloop.sources.meta-ads", enabled)
 *         .require("account-id", accountId)
 *         .require("access-token", accessToken)
 *         .check();
 * </pre>
 */
public final class RequiredSettings {

    /** A required setting that is not set ({@code unreadable} null) or names a file that cannot be read. */
    private record Gap(String key, String hint, Path unreadable) {
    }

    private final String prefix;
    private final boolean enabled;
    private final List<Gap> gaps = new ArrayList<>();

    private RequiredSettings(String prefix, boolean enabled) {
        this.prefix = prefix;
        this.enabled = enabled;
    }

    /** The required settings under {@code prefix}, checked only while {@code enabled}. */
    public static RequiredSettings of(String prefix, boolean enabled) {
        return new RequiredSettings(prefix, enabled);
    }

    /** A text, secret or other value that must be set (blank counts as not set). */
    public RequiredSettings require(String key, Object value) {
        return require(key, value, null);
    }

    /** Whether {@code value} counts as not set: null, blank text or an empty secret. */
    public static boolean missing(Object value) {
        return value == null
                || value instanceof String text && text.isBlank()
                || value instanceof Secret secret && !secret.isPresent();
    }

    /** A value that must be set, with a hint where it comes from ("set HUBSPOT_ACCESS_TOKEN"). */
    public RequiredSettings require(String key, Object value, String hint) {
        if (enabled && missing(value)) {
            gaps.add(new Gap(key, hint, null));
        }
        return this;
    }

    /** A file that must be set and readable. */
    public RequiredSettings requireReadableFile(String key, Path file) {
        require(key, file);
        if (enabled && file != null && !Files.isReadable(file)) {
            gaps.add(new Gap(key, null, file));
        }
        return this;
    }

    /** Throws naming every problem found, if any: the start-up form, for an enabled connector. */
    public void check() {
        if (!gaps.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", gaps.stream().map(gap -> gap.unreadable() == null
                    ? prefix + "." + gap.key() + " is required when " + prefix + ".enabled is true"
                            + (gap.hint() == null ? "" : " (" + gap.hint() + ")")
                    : prefix + "." + gap.key() + ": " + gap.unreadable() + " is not a readable file").toList()));
        }
    }

    /**
     * The problems as a connection test says them: "not configured: " and every setting missing, or
     * nothing when all are set.
     */
    public List<String> unset() {
        if (gaps.isEmpty()) {
            return List.of();
        }
        return List.of("not configured: " + String.join(", ", gaps.stream().map(gap -> gap.unreadable() == null
                ? prefix + "." + gap.key() + " is empty"
                : prefix + "." + gap.key() + " (" + gap.unreadable() + ") is not a readable file").toList()));
    }
}
