package io.revloop.kpi.attribution;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Revenue of the deals won on {@code closeDay} credited to one dimension value under one model, in the
 * base currency; {@code deals} counts the distinct deals with a share in it; {@code newCustomers} the
 * share of the new customers among those deals (each new deal's one customer split like its revenue).
 * {@link #UNATTRIBUTED} holds the revenue of deals without a touchpoint in their window; a null
 * {@code dimensionValue} holds the credit of touches without that attribute, or everything when there is
 * no breakdown.
 */
public record AttributedCredit(LocalDate closeDay, String dimensionValue, BigDecimal revenue, long deals,
                               BigDecimal newCustomers) {

    /** The dimension value of revenue no touchpoint earned: deals without a touch in their window. */
    public static final String UNATTRIBUTED = "(unattributed)";

    /** Dimension values in order: by value, null next, {@link #UNATTRIBUTED} last. */
    public static final java.util.Comparator<String> ORDER = java.util.Comparator
            .comparing((String value) -> UNATTRIBUTED.equals(value))
            .thenComparing(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
}
