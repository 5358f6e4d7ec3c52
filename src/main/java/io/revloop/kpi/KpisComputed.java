package io.revloop.kpi;

/** Published once a compute has committed its values: sinks read the current values then. */
public record KpisComputed(KpiComputer.Summary summary) {
}
