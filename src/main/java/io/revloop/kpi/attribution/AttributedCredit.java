package io.revloop.kpi.attribution;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Revenue of the deals won on {@code closeDay} credited to one dimension value under one model, in the
 * base currency; {@code deals} counts the distinct deals with a share in it. A null {@code dimensionValue}
 * holds revenue with no value: deals without touchpoints, touches without that attribute, or everything
 * when there is no breakdown.
 */
public record AttributedCredit(LocalDate closeDay, String dimensionValue, BigDecimal revenue, long deals) {
}
