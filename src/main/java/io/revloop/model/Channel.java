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
