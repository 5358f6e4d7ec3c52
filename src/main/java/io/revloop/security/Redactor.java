package io.revloop.security;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that knows every secret the hub holds — configured ones (through {@link Secret})
 * and those it obtains at run time (OAuth access tokens, session ids) — and cuts them out of text
 * before it leaves the process: log output, {@code sync_runs.error}, dead letters, alert delivery
 * errors and API answers. A secret is also recognized URL-encoded and JSON-escaped, the forms in
 * which an echoing server returns it.
 */
public final class Redactor {

    public static final String MASK = "***";
    /** Shorter values are not redacted: they would cut ordinary words out of every text. */
    static final int MIN_LENGTH = 6;

    private static volatile List<String> secrets = List.of();

    private Redactor() {
    }

    /** Makes {@code secret} known; later text containing it is redacted. */
    public static void register(String secret) {
        if (secret == null || secret.strip().length() < MIN_LENGTH) {
            return;
        }
        synchronized (Redactor.class) {
            Set<String> forms = new LinkedHashSet<>(secrets);
            String value = secret.strip();
            forms.add(value);
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.add(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
            urlPath(value).ifPresent(forms::add);
            forms.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
            // longest first, so a secret containing another is cut whole
            secrets = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    /**
     * The path of a secret URL (a Slack or webhook URL holds its secret there): a server that
     * answers with the path it was called on must not reveal it either.
     */
    private static Optional<String> urlPath(String value) {
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            String path = URI.create(value).getRawPath();
            return path != null && path.length() >= MIN_LENGTH ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
    }

    /** {@code text} with every known secret replaced by {@value #MASK}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (String secret : secrets) {
            if (redacted.contains(secret)) {
                redacted = redacted.replace(secret, MASK);
            }
        }
        return redacted;
    }

    /** Whether {@code text} contains a known secret. */
    public static boolean containsSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String secret : secrets) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }
}
