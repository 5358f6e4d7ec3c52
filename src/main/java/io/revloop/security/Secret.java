package io.revloop.security;

/**
 * A configured secret (client secret, refresh token, password, webhook URL, API token). Its
 * {@code toString} never shows the value, so a record holding it can be logged or printed; code
 * that needs the value asks for it with {@link #reveal()}. Every secret bound from configuration is
 * known to the {@link Redactor}, which cuts it out of logs, stored errors and API answers.
 */
public final class Secret {

    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret holding {@code value} (null is the empty secret), made known to the redactor. */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            return EMPTY;
        }
        Redactor.register(value);
        return new Secret(value);
    }

    public static Secret empty() {
        return EMPTY;
    }

    /** {@code secret}, or the empty secret for a setting left out (bound as null). */
    public static Secret orEmpty(Secret secret) {
        return secret == null ? EMPTY : secret;
    }

    /** The value itself, for the one place that sends it where it belongs. */
    public String reveal() {
        return value;
    }

    /** Whether a value is set (blank counts as not set). */
    public boolean isPresent() {
        return !value.isBlank();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return isPresent() ? "(set)" : "(not set)";
    }
}
