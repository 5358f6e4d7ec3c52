package io.revloop.alert;

import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import io.revloop.kpi.KpiCatalog;
import io.revloop.kpi.KpiDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The alert rules of {@code revloop.alerts.rules}, checked once at start against the KPI catalogue:
 * a rule naming an unknown KPI, grain or dimension, or with a malformed threshold, stops the hub with
 * a message naming the rule.
 */
@Component
public class AlertRules {

    private final List<AlertRule> rules;

    public AlertRules(AlertProperties properties, KpiCatalog catalog) {
        List<AlertRule> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.rules().size(); i++) {
            AlertProperties.Rule rule = properties.rules().get(i);
            String label = "revloop.alerts.rules[" + i + "] (" + rule.name() + ")";
            try {
                AlertRule checked = check(rule, catalog, properties);
                if (!names.add(checked.name())) {
                    throw new IllegalArgumentException("another rule has the same name");
                }
                parsed.add(checked);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
            }
        }
        this.rules = List.copyOf(parsed);
    }

    List<AlertRule> all() {
        return rules;
    }

    Optional<AlertRule> find(String name) {
        return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
    }

    private static AlertRule check(AlertProperties.Rule rule, KpiCatalog catalog, AlertProperties properties) {
        if (rule.name() == null || rule.name().isBlank()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
        KpiDefinition kpi = catalog.find(rule.kpi() == null ? "" : rule.kpi()).orElseThrow(() ->
                new IllegalArgumentException("unknown kpi '" + rule.kpi() + "'; GET /api/kpis/catalog lists them"));
        Grain grain = Grain.of(rule.grain() == null ? "month" : rule.grain());
        if (!kpi.hasGrain(grain)) {
            throw new IllegalArgumentException("kpi '" + kpi.id() + "' is not computed per " + grain.id()
                    + "; valid grains: " + String.join(", ", kpi.grains().stream().map(Grain::id).toList()));
        }
        Dimension dimension = null;
        if (rule.dimension() != null && !rule.dimension().isBlank()) {
            dimension = Dimension.of(rule.dimension().trim());
            if (!kpi.hasDimension(grain, dimension)) {
                throw new IllegalArgumentException("kpi '" + kpi.id() + "' has no dimension '" + dimension.id()
                        + "' per " + grain.id() + "; valid: " + String.join(", ",
                        kpi.dimensionsAt(grain).stream().map(Dimension::id).toList()));
            }
        } else if (rule.dimensionValue() != null && !rule.dimensionValue().isBlank()) {
            throw new IllegalArgumentException("dimension-value needs a dimension");
        }
        BigDecimal threshold;
        try {
            threshold = new BigDecimal(rule.threshold() == null ? "" : rule.threshold().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold must be a number in the KPI's unit (" + kpi.unit().label()
                    + (kpi.unit() == io.revloop.kpi.Unit.RATIO ? ", as a fraction: 0.2 for 20 %" : "")
                    + "), not '" + rule.threshold() + "'");
        }
        String webhook = rule.webhookUrl().isPresent() ? rule.webhookUrl().reveal().trim() : null;
        AlertRule.Period period = AlertRule.Period.of(rule.period());
        if (period == AlertRule.Period.CURRENT && !kpi.accumulates()) {
            throw new IllegalArgumentException("period 'current' checks a count or sum pro rata to the share of the "
                    + "period that has passed; '" + kpi.id() + "' (" + kpi.unit().label() + ") is not one — the "
                    + "value of a running period (a cohort still converting, a ratio of a few days) says nothing "
                    + "about the whole period; use period: complete");
        }
        return new AlertRule(rule.name().trim(), kpi, grain, dimension,
                rule.dimensionValue() == null || rule.dimensionValue().isBlank() ? null : rule.dimensionValue(),
                AlertRule.Comparison.of(rule.comparison()), threshold, AlertRule.Severity.of(rule.severity()),
                webhook, rule.cooldown() != null ? rule.cooldown() : properties.cooldown(), period,
                minSample(rule, kpi));
    }

    /** The rule's own min-sample, counted in what the KPI's denominator counts; else the KPI's default. */
    private static KpiDefinition.Sample minSample(AlertProperties.Rule rule, KpiDefinition kpi) {
        if (rule.minSample() == null) {
            return kpi.minSample();
        }
        if (kpi.minSample() == null) {
            throw new IllegalArgumentException("min-sample applies to a ratio over a count (leads, deals, sessions, "
                    + "responses); '" + kpi.id() + "' has no such denominator");
        }
        if (rule.minSample() < 1) {
            throw new IllegalArgumentException("min-sample must be at least 1, not " + rule.minSample());
        }
        return new KpiDefinition.Sample(rule.minSample(), kpi.minSample().of());
    }
}
