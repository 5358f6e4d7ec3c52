package io.revloop.kpi;

import io.revloop.kpi.facts.Measure;
import io.revloop.kpi.facts.PeriodStatistics;
import io.revloop.kpi.facts.Retention;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a KPI formula sees of one period of one dimension value: the period's sums of each measure,
 * their running totals up to the period's end (levels, e.g. deals open), and the previous period.
 */
public final class PeriodFacts {

    private final LocalDate start;
    private final BigDecimal[] sums;
    private final BigDecimal[] levels;
    private final PeriodFacts previous;
    private final Retention retention;
    private final int months;
    private final java.util.function.Function<PeriodStatistics.Statistic, BigDecimal> statistics;

    PeriodFacts(LocalDate start, int months, BigDecimal[] sums, BigDecimal[] levels, PeriodFacts previous,
                Retention retention, java.util.function.Function<PeriodStatistics.Statistic, BigDecimal> statistics) {
        this.statistics = statistics;
        this.start = start;
        this.months = months;
        this.sums = sums;
        this.levels = levels;
        this.previous = previous;
        this.retention = retention;
    }

    /** The period's MRR movements (overall, months and quarters only), or null. */
    public Retention retention() {
        return retention;
    }

    /** A statistic computed for this period and dimension value directly, or null. */
    public BigDecimal statistic(PeriodStatistics.Statistic statistic) {
        return statistics.apply(statistic);
    }

    /** Whole months in the period (0 for days and weeks). */
    public int months() {
        return months;
    }

    public LocalDate start() {
        return start;
    }

    /** The measure's sum over the period; zero when nothing was counted. */
    public BigDecimal sum(Measure measure) {
        BigDecimal value = sums == null ? null : sums[measure.ordinal()];
        return value == null ? BigDecimal.ZERO : value;
    }

    /** The measure's running total from the first day of the data to the end of the period. */
    public BigDecimal level(Measure measure) {
        BigDecimal value = levels[measure.ordinal()];
        return value == null ? BigDecimal.ZERO : value;
    }

    /** The period before, of the same dimension value (with zero sums if it had no data), or null for the first. */
    public PeriodFacts previous() {
        return previous;
    }
}
