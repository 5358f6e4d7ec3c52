package io.revloop.sink.bi;

import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import io.revloop.kpi.KpisComputed;
import io.revloop.kpi.attribution.AttributedCredit;
import io.revloop.kpi.attribution.AttributionModel;
import io.revloop.kpi.attribution.AttributionService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code bi_attribution_credits} — revenue of won deals credited per model, month and quarter,
 * and channel, source or campaign — for the configured model and those of
 * {@code revloop.bi.attribution-models}. After each compute the periods from the compute's first day
 * on are rewritten; a model without rows yet is written whole.
 */
@Component
public class BiAttributionCredits {

    private static final Logger log = LoggerFactory.getLogger(BiAttributionCredits.class);
    private static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);
    private static final List<Grain> GRAINS = List.of(Grain.MONTH, Grain.QUARTER);

    private final AttributionService attribution;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final List<AttributionModel> models;

    public BiAttributionCredits(AttributionService attribution, JdbcTemplate jdbc, TransactionTemplate transactions,
                                BiProperties properties) {
        this.attribution = attribution;
        this.jdbc = jdbc;
        this.transactions = transactions;
        Set<AttributionModel> chosen = new LinkedHashSet<>();
        chosen.add(attribution.defaultModel());
        for (int i = 0; i < properties.attributionModels().size(); i++) {
            String id = properties.attributionModels().get(i);
            try {
                chosen.add(AttributionModel.of(id));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("revloop.bi.attribution-models[" + i + "]: " + e.getMessage(), e);
            }
        }
        this.models = List.copyOf(chosen);
    }

    @EventListener
    @Order(120)
    public void afterCompute(KpisComputed computed) {
        LocalDate changed = computed.summary().from();
        for (AttributionModel model : models) {
            try {
                boolean empty = jdbc.queryForObject("SELECT COUNT(*) FROM bi_attribution_credits WHERE model = ?",
                        Long.class, model.id()) == 0;
                write(model, empty ? null : changed);
            } catch (RuntimeException e) {
                log.error("BI attribution under {} was not written: {}", model.id(), e.getMessage());
            }
        }
    }

    /** Rewrites the periods holding {@code from} and later (null: all) of one model. */
    void write(AttributionModel model, LocalDate from) {
        LocalDate readFrom = from == null ? FIRST : Grain.QUARTER.start(from);
        Map<Dimension, List<AttributedCredit>> credits = attribution.creditsByDimension(model, readFrom, LAST);
        List<Object[]> rows = new ArrayList<>();
        for (Grain grain : GRAINS) {
            LocalDate periodFrom = from == null ? FIRST : grain.start(from);
            for (Map.Entry<Dimension, List<AttributedCredit>> byDimension : credits.entrySet()) {
                if (byDimension.getKey() == null) {
                    continue; // the total without a breakdown: the KPI marketing_attributed_revenue has it
                }
                Map<String, BigDecimal[]> sums = new TreeMap<>();
                for (AttributedCredit credit : byDimension.getValue()) {
                    LocalDate period = grain.start(credit.closeDay());
                    if (period.isBefore(periodFrom)) {
                        continue;
                    }
                    BigDecimal[] sum = sums.computeIfAbsent(period + "\u0000" + (credit.dimensionValue() == null ? ""
                            : "v" + credit.dimensionValue()), key -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    sum[0] = sum[0].add(credit.revenue());
                    sum[1] = sum[1].add(BigDecimal.valueOf(credit.deals()));
                }
                sums.forEach((key, sum) -> {
                    String[] parts = key.split("\u0000", 2);
                    rows.add(new Object[] {model.id(), grain.id(), LocalDate.parse(parts[0]), byDimension.getKey().id(),
                            parts[1].isEmpty() ? null : parts[1].substring(1), sum[0], sum[1].longValue()});
                });
            }
        }
        transactions.executeWithoutResult(tx -> {
            for (Grain grain : GRAINS) {
                jdbc.update("DELETE FROM bi_attribution_credits WHERE model = ? AND grain = ? AND period_start >= ?",
                        model.id(), grain.id(), from == null ? FIRST : grain.start(from));
            }
            jdbc.batchUpdate("INSERT INTO bi_attribution_credits (model, grain, period_start, dimension, dimension_value, "
                    + "revenue, deals) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
        });
    }
}
