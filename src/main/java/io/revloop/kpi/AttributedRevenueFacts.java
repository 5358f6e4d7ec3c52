package io.revloop.kpi;

import io.revloop.kpi.attribution.AttributedCredit;
import io.revloop.kpi.attribution.AttributionModel;
import io.revloop.kpi.attribution.AttributionService;
import io.revloop.kpi.facts.FactTable;
import io.revloop.kpi.facts.Measure;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Adds attributed revenue to the daily facts, per close day: per channel, source and campaign of
 * the touches credited (revenue of deals without touches under {@code (unattributed)}), and overall the
 * revenue credited to touches with a known channel — what marketing earned; the new customers credited
 * the same way (for the CAC of a channel); and the revenue of all deals of the attributed types, the
 * base of marketing's share.
 */
@Component
public class AttributedRevenueFacts {

    private static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    private final AttributionService attribution;

    public AttributedRevenueFacts(AttributionService attribution) {
        this.attribution = attribution;
    }

    public AttributionModel defaultModel() {
        return attribution.defaultModel();
    }

    /** Adds the credits of deals closed from {@code from} on (null: all) under {@code model}. */
    public void addTo(FactTable facts, AttributionModel model, LocalDate from) {
        Map<Dimension, List<AttributedCredit>> credits = attribution.creditsByDimension(model,
                from == null ? FIRST : from, LAST);
        for (AttributedCredit credit : credits.get(null)) {
            facts.add(Measure.ATTRIBUTABLE_REVENUE, null, null, credit.closeDay(), credit.revenue());
        }
        for (Dimension by : List.of(Dimension.CHANNEL, Dimension.SOURCE, Dimension.CAMPAIGN)) {
            for (AttributedCredit credit : credits.get(by)) {
                facts.add(Measure.ATTRIBUTED_REVENUE, by, credit.dimensionValue(), credit.closeDay(), credit.revenue());
                facts.add(Measure.ATTRIBUTED_NEW_CUSTOMERS, by, credit.dimensionValue(), credit.closeDay(),
                        credit.newCustomers());
                if (by == Dimension.CHANNEL && credit.dimensionValue() != null
                        && !AttributedCredit.UNATTRIBUTED.equals(credit.dimensionValue())) {
                    facts.add(Measure.ATTRIBUTED_REVENUE, null, null, credit.closeDay(), credit.revenue());
                    facts.add(Measure.ATTRIBUTED_NEW_CUSTOMERS, null, null, credit.closeDay(), credit.newCustomers());
                }
            }
        }
    }
}
