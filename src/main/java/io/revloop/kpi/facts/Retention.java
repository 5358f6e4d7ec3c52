package io.revloop.kpi.facts;

import java.math.BigDecimal;

/**
 * MRR movements of one period, account by account: the MRR of the month before the period ("start")
 * against the MRR of its last month ("end"), in the base currency. An account going from 0 to more
 * is new, from more to 0 churned; otherwise the difference is expansion or contraction.
 */
public final class Retention {

    private BigDecimal startMrr = BigDecimal.ZERO;
    private BigDecimal endMrr = BigDecimal.ZERO;
    private BigDecimal newMrr = BigDecimal.ZERO;
    private BigDecimal expansion = BigDecimal.ZERO;
    private BigDecimal contraction = BigDecimal.ZERO;
    private BigDecimal churnedMrr = BigDecimal.ZERO;
    private long customersAtStart;
    private long customersAtEnd;
    private long newCustomers;
    private long lostCustomers;

    /**
     * Movements of one account of each kind — new, expansion, contraction, churn — so every figure is
     * non-zero: what the catalogue applies a formula to, to learn which inputs it reads.
     */
    public static Retention ofEveryMovement() {
        Retention retention = new Retention();
        retention.add(BigDecimal.ZERO, BigDecimal.ONE);
        retention.add(BigDecimal.ONE, BigDecimal.valueOf(2));
        retention.add(BigDecimal.valueOf(2), BigDecimal.ONE);
        retention.add(BigDecimal.ONE, BigDecimal.ZERO);
        return retention;
    }

    void add(BigDecimal start, BigDecimal end) {
        startMrr = startMrr.add(start);
        endMrr = endMrr.add(end);
        boolean wasCustomer = start.signum() > 0;
        boolean isCustomer = end.signum() > 0;
        customersAtStart += wasCustomer ? 1 : 0;
        customersAtEnd += isCustomer ? 1 : 0;
        if (!wasCustomer && isCustomer) {
            newCustomers++;
            newMrr = newMrr.add(end);
        } else if (wasCustomer && !isCustomer) {
            lostCustomers++;
            churnedMrr = churnedMrr.add(start);
        } else if (end.compareTo(start) > 0) {
            expansion = expansion.add(end.subtract(start));
        } else {
            contraction = contraction.add(start.subtract(end));
        }
    }

    public BigDecimal startMrr() {
        return startMrr;
    }

    public BigDecimal endMrr() {
        return endMrr;
    }

    public BigDecimal newMrr() {
        return newMrr;
    }

    public BigDecimal expansion() {
        return expansion;
    }

    public BigDecimal contraction() {
        return contraction;
    }

    public BigDecimal churnedMrr() {
        return churnedMrr;
    }

    public BigDecimal customersAtStart() {
        return BigDecimal.valueOf(customersAtStart);
    }

    public BigDecimal customersAtEnd() {
        return BigDecimal.valueOf(customersAtEnd);
    }

    public BigDecimal newCustomers() {
        return BigDecimal.valueOf(newCustomers);
    }

    public BigDecimal lostCustomers() {
        return BigDecimal.valueOf(lostCustomers);
    }
}
