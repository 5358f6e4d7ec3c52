package io.revloop.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The canonical marketing channels every source is classified into. */
public final class Channel {

    public static final List<String> NAMES = List.of(
            "Direct", "Organic Search", "Paid Search", "Paid Social", "Referral", "Email", "Events", "Other");

    private static final Map<String, String> BY_SQUASHED_NAME =
            NAMES.stream().collect(Collectors.toMap(Channel::squash, Function.identity()));

    private Channel() {
    }

    /** The canonical spelling of a channel name, matched ignoring case, spaces, '_' and '-'. */
    public static Optional<String> canonical(String raw) {
        return Optional.ofNullable(BY_SQUASHED_NAME.get(squash(raw)));
    }

    /** The canonical spelling of a configured channel; a name that is none fails, naming the key and the valid ones. */
    public static String require(String key, String raw) {
        return canonical(raw == null ? "" : raw).orElseThrow(() -> new IllegalArgumentException(key + ": '" + raw
                + "' is not a channel; valid: " + String.join(", ", NAMES)));
    }

    private static String squash(String value) {
        StringBuilder squashed = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '_' && c != '-' && !Character.isWhitespace(c)) {
                squashed.append(c);
            }
        }
        return squashed.toString().toLowerCase(Locale.ROOT);
    }
}
