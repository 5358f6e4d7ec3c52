package io.revloop.kpi.facts;

import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The daily sums of every measure, overall (dimension null) and per dimension value (a null value
 * is "not known", e.g. a lead without a channel). Small: days × dimension values, not records.
 */
public final class FactTable {

    private static final Measure[] ALL = Measure.values();
    private static final int MEASURES = ALL.length;
    /** dimension (null = overall) → dimension value → day → sums indexed by measure ordinal. */
    private final Map<Dimension, Map<String, NavigableMap<LocalDate, BigDecimal[]>>> days = new HashMap<>();

    private LocalDate firstDay;
    private LocalDate lastDay;
    /** Per input, the last day any of its measures has a row on (of any value, zero included). */
    private final Map<KpiInput, LocalDate> lastDayOfInput = new java.util.EnumMap<>(KpiInput.class);

    /** The first day any measure has data on, or null for an empty table. */
    public LocalDate firstDay() {
        return firstDay;
    }

    /** The last day any measure has data on, or null for an empty table. */
    public LocalDate lastDay() {
        return lastDay;
    }

    /** The last day the measures of {@code input} have data on, or null when they have none. */
    public LocalDate lastDay(KpiInput input) {
        return lastDayOfInput.get(input);
    }

    public void add(Measure measure, Dimension dimension, String dimensionValue, LocalDate day, BigDecimal value) {
        if (value == null) {
            return;
        }
        if (firstDay == null || day.isBefore(firstDay)) {
            firstDay = day;
        }
        if (lastDay == null || day.isAfter(lastDay)) {
            lastDay = day;
        }
        if (measure.input() != null) {
            lastDayOfInput.merge(measure.input(), day, (a, b) -> a.isAfter(b) ? a : b);
        }
        BigDecimal[] sums = days.computeIfAbsent(dimension, d -> new HashMap<>())
                .computeIfAbsent(dimensionValue, v -> new TreeMap<>())
                .computeIfAbsent(day, d -> new BigDecimal[MEASURES]);
        int i = measure.ordinal();
        sums[i] = sums[i] == null ? value : sums[i].add(value);
    }

    /**
     * A copy holding the days before {@code day} only, without the measures in {@code dropped}: what a
     * recompute from {@code day} on starts from, filling in the rest.
     */
    public FactTable before(LocalDate day, java.util.Set<Measure> dropped) {
        FactTable copy = new FactTable();
        days.forEach((dimension, values) -> values.forEach((value, perDay) ->
                perDay.headMap(day, false).forEach((date, sums) -> {
                    for (int i = 0; i < MEASURES; i++) {
                        Measure measure = ALL[i];
                        if (sums[i] != null && !dropped.contains(measure)) {
                            copy.add(measure, dimension, value, date, sums[i]);
                        }
                    }
                })));
        return copy;
    }

    /** The sums per period of {@code grain}, per value of {@code dimension} (null = overall). */
    public Map<String, NavigableMap<LocalDate, BigDecimal[]>> byPeriod(Grain grain, Dimension dimension) {
        Map<String, NavigableMap<LocalDate, BigDecimal[]>> periods = new HashMap<>();
        days.getOrDefault(dimension, Map.of()).forEach((value, perDay) -> {
            NavigableMap<LocalDate, BigDecimal[]> perPeriod = new TreeMap<>();
            perDay.forEach((day, sums) -> {
                BigDecimal[] total = perPeriod.computeIfAbsent(grain.start(day), p -> new BigDecimal[MEASURES]);
                for (int i = 0; i < MEASURES; i++) {
                    if (sums[i] != null) {
                        total[i] = total[i] == null ? sums[i] : total[i].add(sums[i]);
                    }
                }
            });
            periods.put(value, perPeriod);
        });
        return periods;
    }
}
