package io.revloop.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The periods a KPI is reported in: ISO weeks (Monday first), calendar months and quarters. */
public enum Grain {
    DAY,
    WEEK,
    MONTH,
    QUARTER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first day of the period that holds {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        };
    }

    /** The earliest first day of the periods, of any grain, that hold {@code day}. */
    public static LocalDate firstPeriodStart(LocalDate day) {
        LocalDate first = day;
        for (Grain grain : values()) {
            LocalDate start = grain.start(day);
            first = start.isBefore(first) ? start : first;
        }
        return first;
    }

    /** The first day of the period after the one starting at {@code start}. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
        };
    }

    /** The last day of the period starting at {@code start}. */
    public LocalDate end(LocalDate start) {
        return next(start).minusDays(1);
    }

    /**
     * The share of the period starting at {@code start} that lies before {@code until}, its days taken
     * in {@code zone}: 0 to 1, to 10 decimals.
     */
    public BigDecimal elapsedShare(LocalDate start, Instant until, ZoneId zone) {
        Instant begin = start.atStartOfDay(zone).toInstant();
        Instant end = next(start).atStartOfDay(zone).toInstant();
        if (!until.isAfter(begin)) {
            return BigDecimal.ZERO;
        }
        if (!until.isBefore(end)) {
            return BigDecimal.ONE;
        }
        return BigDecimal.valueOf(Duration.between(begin, until).toMillis())
                .divide(BigDecimal.valueOf(Duration.between(begin, end).toMillis()), Formula.SCALE, RoundingMode.HALF_EVEN);
    }

    public LocalDate previous(LocalDate start) {
        return switch (this) {
            case DAY -> start.minusDays(1);
            case WEEK -> start.minusWeeks(1);
            case MONTH -> start.minusMonths(1);
            case QUARTER -> start.minusMonths(3);
        };
    }

    /** Whole months in a period of this grain (0 for days and weeks). */
    public int months() {
        return this == MONTH ? 1 : this == QUARTER ? 3 : 0;
    }

    public static Grain of(String id) {
        return Arrays.stream(values()).filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown grain '" + id + "'; valid: " + ids()));
    }

    public static String ids() {
        return Arrays.stream(values()).map(Grain::id).collect(Collectors.joining(", "));
    }
}
