package io.revloop.kpi.scoring;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The points model as a pure function of what is known about a lead. Within a criterion, rules of
 * one kind count their best match (a lead has one title, one company size), touch-type and BANT
 * rules add up — engagement points per touch, intent points once per type — and the criterion is
 * capped at its maximum.
 */
public final class LeadScorer {

    private static final Set<String> NOT_SET = Set.of("", "no", "false", "0", "n", "none", "unknown");

    private final List<ScoringRule> rules;
    private final Map<ScoringRule, Pattern> titles = new HashMap<>();

    public LeadScorer(List<ScoringRule> rules) {
        this.rules = List.copyOf(rules);
        for (ScoringRule rule : rules) {
            if (rule.titleMatches() != null) {
                titles.put(rule, Pattern.compile(rule.titleMatches(), Pattern.CASE_INSENSITIVE));
            }
        }
    }

    /** The touch types the rules read, so the database counts only those. */
    public Set<String> touchTypes() {
        Set<String> types = new java.util.TreeSet<>();
        rules.stream().filter(r -> r.touchType() != null).forEach(r -> types.add(r.touchType()));
        return types;
    }

    /** What a lead is scored on. {@code fields} are the lead's extra fields; {@code touches} counts per type. */
    public record LeadFacts(String title, String industry, Long employees, BigDecimal annualRevenue,
                            Map<String, String> fields, Map<String, Long> touches) {
    }

    public LeadScore score(LeadFacts lead) {
        Map<Criterion, Map<ScoringRule.Kind, Integer>> best = new EnumMap<>(Criterion.class);
        Map<Criterion, Integer> summed = new EnumMap<>(Criterion.class);
        for (ScoringRule rule : rules) {
            int points = points(rule, lead);
            if (points == 0) {
                continue;
            }
            Criterion criterion = rule.criterionValue();
            ScoringRule.Kind kind = rule.kind();
            if (kind == ScoringRule.Kind.TOUCH_TYPE || kind == ScoringRule.Kind.BANT_FIELD) {
                summed.merge(criterion, points, Integer::sum);
            } else {
                best.computeIfAbsent(criterion, c -> new EnumMap<>(ScoringRule.Kind.class)).merge(kind, points, Math::max);
            }
        }
        int[] totals = new int[Criterion.values().length];
        for (Criterion criterion : Criterion.values()) {
            int points = summed.getOrDefault(criterion, 0)
                    + best.getOrDefault(criterion, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            totals[criterion.ordinal()] = Math.min(points, criterion.maximum());
        }
        return new LeadScore(totals[0], totals[1], totals[2], totals[3], totals[4]);
    }

    private int points(ScoringRule rule, LeadFacts lead) {
        return switch (rule.kind()) {
            case INDUSTRY -> lead.industry() != null && rule.industryIn().stream()
                    .anyMatch(i -> i.equalsIgnoreCase(lead.industry().trim())) ? rule.points() : 0;
            case EMPLOYEES -> lead.employees() != null && lead.employees() >= rule.employeesAtLeast() ? rule.points() : 0;
            case ANNUAL_REVENUE -> lead.annualRevenue() != null
                    && lead.annualRevenue().compareTo(rule.annualRevenueAtLeast()) >= 0 ? rule.points() : 0;
            case TITLE -> lead.title() != null && titles.get(rule).matcher(lead.title()).find() ? rule.points() : 0;
            case TOUCH_TYPE -> {
                long count = lead.touches().getOrDefault(rule.touchType(), 0L);
                long times = rule.criterionValue() == Criterion.ENGAGEMENT ? count : Math.min(count, 1);
                yield (int) Math.min(Integer.MAX_VALUE, times * rule.points());
            }
            case BANT_FIELD -> {
                String value = lead.fields().get(rule.bantField());
                yield value != null && !NOT_SET.contains(value.trim().toLowerCase(Locale.ROOT)) ? rule.points() : 0;
            }
        };
    }
}
