package io.revloop.kpi;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a KPI can be broken down by. */
public enum Dimension {
    CHANNEL,
    SOURCE,
    CAMPAIGN,
    OWNER,
    /** The lead score band: not_qualified, mql, sql, hot. */
    SCORE_BAND;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Dimension of(String id) {
        return Arrays.stream(values()).filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dimension '" + id + "'; valid: " + ids()));
    }

    public static String ids() {
        return Arrays.stream(values()).map(Dimension::id).collect(Collectors.joining(", "));
    }
}
