package io.revloop.kpi;

import io.revloop.kpi.facts.FactTable;
import io.revloop.kpi.facts.KpiInput;
import io.revloop.kpi.facts.Retention;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * How far the data of each KPI input reaches: its newest day, the last local day a row of it counts
 * on (for the monthly inputs, costs and MRR, the last day of the newest month). A period of a KPI is
 * complete when it ended before today and its last day is no later than the newest day of every input
 * the KPI reads; an input without any data holds nothing back (a business without non-ad costs).
 */
public record DataCoverage(Map<KpiInput, LocalDate> newestDays) {

    public DataCoverage {
        newestDays = Collections.unmodifiableMap(newestDays.isEmpty() ? Map.of() : new EnumMap<>(newestDays));
    }

    /** The newest days of the daily facts of a compute, and the newest month of its MRR movements. */
    public static DataCoverage of(FactTable facts, NavigableMap<LocalDate, Retention> monthlyMovements) {
        Map<KpiInput, LocalDate> newest = new EnumMap<>(KpiInput.class);
        for (KpiInput input : KpiInput.values()) {
            LocalDate day = input == KpiInput.MRR
                    ? monthlyMovements == null || monthlyMovements.isEmpty() ? null : monthlyMovements.lastKey()
                    : facts.lastDay(input);
            if (day != null) {
                newest.put(input, input.monthly() ? Grain.MONTH.end(Grain.MONTH.start(day)) : day);
            }
        }
        return new DataCoverage(newest);
    }

    /** The newest day of an input, or null when it has no data. */
    public LocalDate newestDay(KpiInput input) {
        return newestDays.get(input);
    }

    /** The last day all of {@code inputs} that have data reach (the earliest of their newest days), or null. */
    public LocalDate coveredUntil(Set<KpiInput> inputs) {
        LocalDate covered = null;
        for (KpiInput input : inputs) {
            LocalDate newest = newestDays.get(input);
            if (newest != null && (covered == null || newest.isBefore(covered))) {
                covered = newest;
            }
        }
        return covered;
    }

    /** Whether the period of {@code grain} starting at {@code start} is over and its inputs reach its end. */
    public boolean complete(Set<KpiInput> inputs, Grain grain, LocalDate start, LocalDate today) {
        LocalDate last = grain.end(start);
        LocalDate covered = coveredUntil(inputs);
        return last.isBefore(today) && (covered == null || !last.isAfter(covered));
    }

    /**
     * The share of the period that has passed and that the inputs' data reaches: from the period's
     * start (in {@code zone}) to {@code now}, or to the end of the inputs' newest day if that is
     * earlier, over the period's length; 0 to 1, to 10 decimals.
     */
    public BigDecimal elapsedShare(Set<KpiInput> inputs, Grain grain, LocalDate start, Instant now, ZoneId zone) {
        LocalDate covered = coveredUntil(inputs);
        Instant until = now;
        if (covered != null && covered.plusDays(1).atStartOfDay(zone).toInstant().isBefore(until)) {
            until = covered.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return grain.elapsedShare(start, until, zone);
    }
}
