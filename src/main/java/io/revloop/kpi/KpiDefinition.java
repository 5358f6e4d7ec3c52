package io.revloop.kpi;

import io.revloop.kpi.facts.KpiInput;
import java.util.List;
import java.util.Set;

/**
 * One KPI of the catalogue: what it is, how it reads, its reference band, the periods and
 * breakdowns it is computed for, and its formula. A KPI {@code atPeriodEnd} is a level (open
 * pipeline) reported for every period, also those without activity of their own. {@code inputs} are
 * the data feeds its formula reads (a period is complete once they all reach its end);
 * {@code minSample}, for a ratio over a count, is the smallest denominator an alert rule trusts by
 * default (null: none). The API, docs/kpis.md and alert rules read these.
 */
public record KpiDefinition(String section, String id, String name, String description, Unit unit, Direction direction,
                            Benchmark benchmark, List<Grain> grains, List<Dimension> dimensions, Formula formula,
                            boolean atPeriodEnd, Set<KpiInput> inputs, Sample minSample) {

    /** The smallest denominator worth judging, and what the denominator counts ("closed deals"). */
    public record Sample(int minimum, String of) {
        @Override
        public String toString() {
            return minimum + " " + of;
        }
    }

    public boolean hasGrain(Grain grain) {
        return grains.contains(grain);
    }

    /**
     * Whether the KPI is a count or sum of daily facts over the period (its formula is a
     * {@link Formula.Total}): a period in progress then holds about its elapsed share of a whole
     * period's value, so a run rate means something. Ratios, means and levels do not accumulate.
     */
    public boolean accumulates() {
        return formula instanceof Formula.Total;
    }

    /**
     * The breakdowns computed at a grain: per day only by channel (a daily series per campaign, source
     * or owner is mostly empty and would multiply the stored values), at coarser grains all of them.
     */
    public List<Dimension> dimensionsAt(Grain grain) {
        return grain == Grain.DAY ? dimensions.stream().filter(d -> d == Dimension.CHANNEL).toList() : dimensions;
    }

    public boolean hasDimension(Grain grain, Dimension dimension) {
        return dimensionsAt(grain).contains(dimension);
    }

    KpiDefinition withMinSample(Sample sample) {
        return new KpiDefinition(section, id, name, description, unit, direction, benchmark, grains, dimensions,
                formula, atPeriodEnd, inputs, sample);
    }
}
