package io.revloop.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The canonical marketing channels every source is classified into. */
public final class Channel {

    public static final List<String> NAMES = List.of(
            "Direct", "Organic Search", "Paid Search", "Paid Social", "Referral", "Email", "Events", "Other");

    private Channel() {
    }

    /** The canonical spelling of a channel name, matched ignoring case, '_' and '-'. */
    public static Optional<String> canonical(String raw) {
        String wanted = squash(raw);
        return NAMES.stream().filter(name -> squash(name).equals(wanted)).findFirst();
    }

    private static String squash(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
    }
}
