package io.revloop.kpi;

import java.util.List;

/**
 * One KPI of the catalogue: what it is, how it reads, its reference band, the periods and
 * breakdowns it is computed for, and its formula. A KPI {@code atPeriodEnd} is a level (open
 * pipeline) reported for every period, also those without activity of their own. The API, docs/kpis.md and alert rules read these.
 */
public record KpiDefinition(String section, String id, String name, String description, Unit unit, Direction direction,
                            Benchmark benchmark, List<Grain> grains, List<Dimension> dimensions, Formula formula,
                            boolean atPeriodEnd) {

    public boolean hasGrain(Grain grain) {
        return grains.contains(grain);
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
}
