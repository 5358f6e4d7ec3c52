package io.revloop.alert;

import io.revloop.RevloopProperties;
import io.revloop.kpi.DataCoverage;
import io.revloop.kpi.DataCoverageStore;
import io.revloop.kpi.KpiValue;
import io.revloop.kpi.KpiValueStore;
import io.revloop.kpi.facts.KpiInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What each alert rule finds now. A rule of {@code period: complete} looks at the last complete period
 * of its grain (November, on 5 December), a rule of {@code period: current} at the running one, against
 * its threshold times the share of the period that has passed. Each value of the period (one per
 * dimension value) is breached, within the threshold, or skipped with the reason: the period's data is
 * not complete yet, the ratio's denominator is below the rule's min-sample, there is no value (a zero
 * denominator), or less than a tenth of a running period has passed. {@link AlertEvaluator} turns the
 * checks into events; {@code GET /api/alerts/rules} lists them.
 */
@Component
public class AlertChecks {

    /** A running period is judged from this share on: before, a run rate rests on a few hours. */
    static final BigDecimal EARLIEST_SHARE = new BigDecimal("0.1");

    enum Status {
        BREACHED, WITHIN, SKIPPED;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One value a rule looked at: the threshold it was compared with (pro rata for a running period),
     * the share of the period that had passed (null for a complete period), and the outcome.
     */
    record Check(AlertRule rule, KpiValue value, BigDecimal threshold, BigDecimal elapsedShare, Status status,
                 String reason) {
    }

    private final AlertRules rules;
    private final KpiValueStore values;
    private final DataCoverageStore coverage;
    private final Clock clock;
    private final ZoneId zone;

    public AlertChecks(AlertRules rules, KpiValueStore values, DataCoverageStore coverage, Clock clock,
                       RevloopProperties properties) {
        this.rules = rules;
        this.values = values;
        this.coverage = coverage;
        this.clock = clock;
        this.zone = properties.timeZone();
    }

    /** The checks of every rule, as of the clock's now and the data coverage of the last compute. */
    Map<AlertRule, List<Check>> all() {
        Instant now = clock.instant();
        DataCoverage covered = coverage.load();
        Map<AlertRule, List<Check>> checks = new LinkedHashMap<>();
        for (AlertRule rule : rules.all()) {
            checks.put(rule, check(rule, now, covered));
        }
        return checks;
    }

    /** The period a rule checks as of {@code now}: the last complete one or the running one. */
    LocalDate periodChecked(AlertRule rule, Instant now) {
        LocalDate current = rule.grain().start(LocalDate.ofInstant(now, zone));
        return rule.period() == AlertRule.Period.CURRENT ? current : rule.grain().previous(current);
    }

    private List<Check> check(AlertRule rule, Instant now, DataCoverage covered) {
        LocalDate period = periodChecked(rule, now);
        BigDecimal share = rule.period() == AlertRule.Period.CURRENT
                ? covered.elapsedShare(rule.kpi().inputs(), rule.grain(), period, now, zone) : null;
        List<Check> checks = new ArrayList<>();
        for (KpiValue value : values.find(rule.kpi().id(), rule.grain(), rule.dimension(), period, period)) {
            if (rule.dimensionValue() == null || rule.dimensionValue().equals(value.dimensionValue())) {
                checks.add(check(rule, value, share, covered));
            }
        }
        return checks;
    }

    private Check check(AlertRule rule, KpiValue value, BigDecimal share, DataCoverage covered) {
        BigDecimal threshold = share == null ? rule.threshold()
                : rule.threshold().multiply(share).setScale(share.scale(), RoundingMode.HALF_EVEN);
        String skipped = skipReason(rule, value, share, covered);
        if (skipped != null) {
            return new Check(rule, value, threshold, share, Status.SKIPPED, skipped);
        }
        boolean breached = rule.comparison().holds(value.result().value(), threshold);
        return new Check(rule, value, threshold, share, breached ? Status.BREACHED : Status.WITHIN, null);
    }

    private static String skipReason(AlertRule rule, KpiValue value, BigDecimal share, DataCoverage covered) {
        String period = AlertMessages.periodLabel(rule.grain(), value.periodStart());
        if (share == null && !value.complete()) {
            return period + " is not complete yet" + lagging(rule, value.periodStart(), covered);
        }
        if (share != null && share.compareTo(EARLIEST_SHARE) < 0) {
            return "too early: " + percent(share) + " of " + period + " has passed; a running period is checked "
                    + "from " + percent(EARLIEST_SHARE) + " on";
        }
        if (value.result().value() == null) {
            return "no value: its denominator is 0";
        }
        BigDecimal denominator = value.result().denominator();
        if (rule.minSample() != null && (denominator == null
                || denominator.compareTo(BigDecimal.valueOf(rule.minSample().minimum())) < 0)) {
            return (denominator == null ? "no" : AlertEvents.plain(denominator).toPlainString()) + " "
                    + rule.minSample().of() + ", fewer than min-sample " + rule.minSample();
        }
        return null;
    }

    /** The inputs whose data does not reach the end of the period yet, e.g. ": ad spend reaches 2026-11-29". */
    private static String lagging(AlertRule rule, LocalDate periodStart, DataCoverage covered) {
        LocalDate end = rule.grain().end(periodStart);
        List<String> behind = new ArrayList<>();
        for (KpiInput input : rule.kpi().inputs()) {
            LocalDate newest = covered.newestDay(input);
            if (newest != null && newest.isBefore(end)) {
                behind.add(input.label() + " reach " + newest);
            }
        }
        return behind.isEmpty() ? "" : ": " + String.join(", ", behind);
    }

    static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + " %";
    }

    /** The rules and their checks as {@code GET /api/alerts/rules} shows them (no webhooks). */
    public List<Map<String, Object>> list() {
        Instant now = clock.instant();
        List<Map<String, Object>> list = new ArrayList<>();
        all().forEach((rule, checks) -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", rule.name());
            view.put("kpi", rule.kpi().id());
            view.put("grain", rule.grain().id());
            view.put("period", rule.period().id());
            view.put("periodStart", periodChecked(rule, now).toString());
            view.put("dimension", rule.dimension() == null ? null : rule.dimension().id());
            view.put("dimensionValue", rule.dimensionValue());
            view.put("comparison", rule.comparison().symbol());
            view.put("threshold", AlertEvents.plain(rule.threshold()));
            view.put("minSample", rule.minSample() == null ? null : rule.minSample().minimum());
            view.put("severity", rule.severity().id());
            view.put("checks", checks.stream().map(AlertChecks::view).toList());
            list.add(view);
        });
        return list;
    }

    private static Map<String, Object> view(Check check) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("dimensionValue", check.value().dimensionValue());
        view.put("value", AlertEvents.plain(check.value().result().value()));
        view.put("denominator", AlertEvents.plain(check.value().result().denominator()));
        view.put("complete", check.value().complete());
        view.put("elapsedShare", AlertEvents.plain(check.elapsedShare()));
        view.put("comparedWith", AlertEvents.plain(check.threshold()));
        view.put("status", check.status().id());
        view.put("reason", check.reason());
        return view;
    }
}
