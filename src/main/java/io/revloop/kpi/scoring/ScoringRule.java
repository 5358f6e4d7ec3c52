package io.revloop.kpi.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule of {@code revloop.scoring.rules}: a criterion, exactly one condition, and its points.
 * Conditions: {@code industry-in} (account industry, case-insensitive), {@code employees-at-least},
 * {@code annual-revenue-at-least} (account), {@code title-matches} (regular expression on the lead's
 * title, case-insensitive), {@code touch-type} (a touchpoint type; engagement counts each touch,
 * intent once), {@code bant-field} (a lead field kept in {@code extra}, e.g. {@code budget}: set and
 * not "no", "false" or "0").
 */
public record ScoringRule(String name, String criterion, List<String> industryIn, Long employeesAtLeast,
                          BigDecimal annualRevenueAtLeast, String titleMatches, String touchType, String bantField,
                          Integer points) {

    /** What kind of condition the rule has; rules of one kind within a criterion count their best match. */
    public enum Kind { INDUSTRY, EMPLOYEES, ANNUAL_REVENUE, TITLE, TOUCH_TYPE, BANT_FIELD }

    /** Checks the rule; the message names it, as the hub then stops at start. */
    public void validate(int index) {
        String label = "revloop.scoring.rules[" + index + "]" + (name == null ? "" : " (" + name + ")");
        if (criterion == null) {
            throw new IllegalArgumentException(label + ": criterion is missing");
        }
        Criterion parsed;
        try {
            parsed = Criterion.of(criterion);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage());
        }
        if (points == null || points < 0 || points > parsed.maximum()) {
            throw new IllegalArgumentException(label + ": points must be 0–" + parsed.maximum() + " for "
                    + parsed.id() + ", not " + points);
        }
        int conditions = (industryIn == null ? 0 : 1) + (employeesAtLeast == null ? 0 : 1)
                + (annualRevenueAtLeast == null ? 0 : 1) + (titleMatches == null ? 0 : 1)
                + (touchType == null ? 0 : 1) + (bantField == null ? 0 : 1);
        if (conditions != 1) {
            throw new IllegalArgumentException(label + ": needs exactly one of industry-in, employees-at-least, "
                    + "annual-revenue-at-least, title-matches, touch-type, bant-field");
        }
        if (titleMatches != null) {
            try {
                Pattern.compile(titleMatches);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(label + ": title-matches is not a regular expression: "
                        + e.getDescription());
            }
        }
        boolean touchCriterion = parsed == Criterion.ENGAGEMENT || parsed == Criterion.INTENT;
        if (touchCriterion != (touchType != null)) {
            throw new IllegalArgumentException(label + ": engagement and intent take touch-type rules, and only they");
        }
        if (bantField != null && parsed != Criterion.BANT) {
            throw new IllegalArgumentException(label + ": bant-field rules belong to the bant criterion");
        }
    }

    public Criterion criterionValue() {
        return Criterion.of(criterion);
    }

    public Kind kind() {
        if (industryIn != null) {
            return Kind.INDUSTRY;
        }
        if (employeesAtLeast != null) {
            return Kind.EMPLOYEES;
        }
        if (annualRevenueAtLeast != null) {
            return Kind.ANNUAL_REVENUE;
        }
        if (titleMatches != null) {
            return Kind.TITLE;
        }
        return touchType != null ? Kind.TOUCH_TYPE : Kind.BANT_FIELD;
    }
}
