package io.revloop.kpi;

import io.revloop.kpi.facts.KpiInput;
import io.revloop.kpi.facts.Measure;
import io.revloop.kpi.facts.PeriodStatistics;
import io.revloop.kpi.facts.Retention;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;

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
    private final Function<PeriodStatistics.Statistic, BigDecimal> statistics;
    /** Where the inputs read are recorded ({@link #probe}); null when computing. */
    private final Set<KpiInput> reads;

    PeriodFacts(LocalDate start, int months, BigDecimal[] sums, BigDecimal[] levels, PeriodFacts previous,
                Retention retention, Function<PeriodStatistics.Statistic, BigDecimal> statistics) {
        this(start, months, sums, levels, previous, retention, statistics, null);
    }

    private PeriodFacts(LocalDate start, int months, BigDecimal[] sums, BigDecimal[] levels, PeriodFacts previous,
                        Retention retention, Function<PeriodStatistics.Statistic, BigDecimal> statistics,
                        Set<KpiInput> reads) {
        this.statistics = statistics;
        this.start = start;
        this.months = months;
        this.sums = sums;
        this.levels = levels;
        this.previous = previous;
        this.retention = retention;
        this.reads = reads;
    }

    /**
     * A month (and the one before it) in which every measure, level, statistic and MRR movement is
     * non-zero, so a formula takes its full path; the inputs it reads are added to {@code reads}.
     */
    static PeriodFacts probe(Set<KpiInput> reads) {
        BigDecimal[] ones = new BigDecimal[Measure.values().length];
        Arrays.fill(ones, BigDecimal.ONE);
        LocalDate month = LocalDate.of(2000, 2, 1);
        Function<PeriodStatistics.Statistic, BigDecimal> statistic = s -> BigDecimal.ONE;
        PeriodFacts before = new PeriodFacts(month.minusMonths(1), 1, ones, ones, null, Retention.ofEveryMovement(),
                statistic, reads);
        return new PeriodFacts(month, 1, ones, ones, before, Retention.ofEveryMovement(), statistic, reads);
    }

    /** The period's MRR movements (overall, months and quarters only), or null. */
    public Retention retention() {
        read(KpiInput.MRR);
        return retention;
    }

    /** A statistic computed for this period and dimension value directly, or null. */
    public BigDecimal statistic(PeriodStatistics.Statistic statistic) {
        read(KpiInput.CRM);
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
        read(measure.input());
        BigDecimal value = sums == null ? null : sums[measure.ordinal()];
        return value == null ? BigDecimal.ZERO : value;
    }

    /** The measure's running total from the first day of the data to the end of the period. */
    public BigDecimal level(Measure measure) {
        read(measure.input());
        BigDecimal value = levels[measure.ordinal()];
        return value == null ? BigDecimal.ZERO : value;
    }

    /** The period before, of the same dimension value (with zero sums if it had no data), or null for the first. */
    public PeriodFacts previous() {
        return previous;
    }

    private void read(KpiInput input) {
        if (reads != null && input != null) {
            reads.add(input);
        }
    }
}
