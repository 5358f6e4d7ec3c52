package io.revloop.kpi.attribution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Attributed revenue summed per (close day, dimension value), with the number of deals in each sum. */
final class CreditTotals {

    private static final Comparator<AttributedCredit> ORDER = Comparator.comparing(AttributedCredit::closeDay)
            .thenComparing(AttributedCredit::dimensionValue, AttributedCredit.ORDER);
    private static final int CUSTOMER_SCALE = 10;

    private final Map<Key, Total> totals = new LinkedHashMap<>();

    /**
     * Adds one deal: its credits, one per touch with the touch's dimension value, and — for a new customer
     * ({@code newCustomer}) — its one customer split by the same weights (they sum to 1). The deal counts
     * once in every row it has a share in (a weight above zero), however many of its touches fall into it.
     */
    void addDeal(LocalDate closeDay, List<String> values, BigDecimal[] credits, double[] weights,
                 boolean newCustomer) {
        Set<Key> counted = new HashSet<>();
        for (int i = 0; i < credits.length; i++) {
            if (weights[i] > 0) {
                Key key = new Key(closeDay, values.get(i));
                Total total = totals.computeIfAbsent(key, k -> new Total());
                total.revenue = total.revenue.add(credits[i]);
                if (newCustomer) {
                    total.newCustomers = total.newCustomers.add(
                            BigDecimal.valueOf(weights[i]).setScale(CUSTOMER_SCALE, RoundingMode.HALF_EVEN));
                }
                if (counted.add(key)) {
                    total.deals++;
                }
            }
        }
    }

    List<AttributedCredit> rows() {
        List<AttributedCredit> rows = new ArrayList<>(totals.size());
        totals.forEach((key, total) -> rows.add(new AttributedCredit(key.closeDay(), key.value(), total.revenue,
                total.deals, total.newCustomers)));
        rows.sort(ORDER);
        return rows;
    }

    private record Key(LocalDate closeDay, String value) {
    }

    private static final class Total {
        private BigDecimal revenue = BigDecimal.ZERO.setScale(RevenueSplit.SCALE);
        private BigDecimal newCustomers = BigDecimal.ZERO;
        private long deals;
    }
}
