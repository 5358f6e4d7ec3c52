package io.revloop.kpi;

import io.revloop.kpi.facts.FactTable;
import io.revloop.kpi.facts.Measure;
import io.revloop.kpi.facts.PeriodStatistics;
import io.revloop.kpi.facts.Retention;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Applies the catalogue's formulas to the period sums of a fact table, one grain and dimension at a
 * time. Periods run without gaps from a dimension value's first period with data to its last, so
 * levels carry over and "previous period" is the calendar's, not the previous one with data.
 */
public final class KpiEvaluator {

    private static final int MEASURES = Measure.values().length;

    private final List<KpiDefinition> catalog;
    private final LocalDate today;
    private final DataCoverage coverage;

    /**
     * {@code today}: levels such as open pipeline are reported up to the period holding it; with
     * {@code coverage} it decides which periods are complete.
     */
    public KpiEvaluator(List<KpiDefinition> catalog, LocalDate today, DataCoverage coverage) {
        this.catalog = catalog;
        this.today = today;
        this.coverage = coverage;
    }

    /** The KPIs computed for a grain and dimension (null = overall). */
    public List<KpiDefinition> kpisFor(Grain grain, Dimension dimension) {
        return catalog.stream().filter(k -> k.hasGrain(grain) && (dimension == null || k.hasDimension(grain, dimension)))
                .toList();
    }

    /** Emits the values of the periods starting from {@code from} on (null = all). */
    public void evaluate(FactTable facts, Map<Grain, NavigableMap<LocalDate, Retention>> retention,
                         PeriodStatistics statistics, Grain grain, Dimension dimension,
                         LocalDate from, Consumer<KpiValue> out) {
        NavigableMap<LocalDate, Retention> movements = dimension == null
                ? retention.getOrDefault(grain, new TreeMap<>()) : new TreeMap<>();
        List<KpiDefinition> kpis = kpisFor(grain, dimension);
        if (kpis.isEmpty()) {
            return;
        }
        Map<String, NavigableMap<LocalDate, BigDecimal[]>> byValue = facts.byPeriod(grain, dimension);
        if (dimension == null && !movements.isEmpty()) {
            byValue.putIfAbsent(null, new TreeMap<>());
        }
        for (Map.Entry<String, NavigableMap<LocalDate, BigDecimal[]>> entry : byValue.entrySet()) {
            NavigableMap<LocalDate, BigDecimal[]> periods = entry.getValue();
            LocalDate first = earliest(periods.isEmpty() ? null : periods.firstKey(),
                    movements.isEmpty() ? null : movements.firstKey());
            if (first == null) {
                continue;
            }
            LocalDate last = latest(latest(facts.lastDay() == null ? null : grain.start(facts.lastDay()),
                    movements.isEmpty() ? null : movements.lastKey()), grain.start(today));
            BigDecimal[] levels = new BigDecimal[MEASURES];
            PeriodFacts previous = null;
            for (LocalDate start = first; !start.isAfter(last); start = grain.next(start)) {
                BigDecimal[] sums = periods.get(start);
                levels = accumulate(levels, sums);
                Retention moved = movements.get(start);
                LocalDate periodStart = start;
                String value = entry.getKey();
                PeriodFacts current = new PeriodFacts(start, grain.months(), sums, levels, previous, moved,
                        statistic -> statistics.get(statistic, grain, dimension, value, periodStart));
                if (from == null || !start.isBefore(from)) {
                    emit(kpis, current, sums != null || moved != null, grain, dimension, entry.getKey(), out);
                }
                previous = current;
            }
        }
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private void emit(List<KpiDefinition> kpis, PeriodFacts facts, boolean hasActivity, Grain grain,
                      Dimension dimension, String dimensionValue, Consumer<KpiValue> out) {
        for (KpiDefinition kpi : kpis) {
            if (hasActivity || kpi.atPeriodEnd() && hasOpenDeals(facts)) {
                KpiResult result = kpi.formula().apply(facts);
                if (result != null) {
                    out.accept(new KpiValue(kpi.id(), grain, facts.start(), dimension, dimensionValue, result,
                            coverage.complete(kpi.inputs(), grain, facts.start(), today)));
                }
            }
        }
    }

    private static boolean hasOpenDeals(PeriodFacts facts) {
        return facts.level(Measure.DEALS_OPENED).compareTo(facts.level(Measure.DEALS_CLOSED)) != 0;
    }

    private static BigDecimal[] accumulate(BigDecimal[] levels, BigDecimal[] sums) {
        if (sums == null) {
            return levels;
        }
        BigDecimal[] next = levels.clone();
        for (int i = 0; i < MEASURES; i++) {
            if (sums[i] != null) {
                next[i] = next[i] == null ? sums[i] : next[i].add(sums[i]);
            }
        }
        return next;
    }

    static List<Dimension> dimensionsWithOverall() {
        List<Dimension> dimensions = new ArrayList<>();
        dimensions.add(null);
        dimensions.addAll(List.of(Dimension.values()));
        return dimensions;
    }
}
