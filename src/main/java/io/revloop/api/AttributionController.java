package io.revloop.api;

import io.revloop.kpi.Dimension;
import io.revloop.kpi.attribution.AttributedCredit;
import io.revloop.kpi.attribution.AttributionModel;
import io.revloop.kpi.attribution.AttributionService;
import io.revloop.kpi.attribution.SourceToRevenue;
import io.revloop.kpi.KpiComputer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Attributed revenue and the source-to-revenue matrix of the deals won in a date range. */
@RestController
@RequestMapping("/api")
public class AttributionController {

    private final AttributionService attribution;
    private final SourceToRevenue sourceToRevenue;
    private final KpiComputer computer;

    public AttributionController(AttributionService attribution, SourceToRevenue sourceToRevenue,
                                 KpiComputer computer) {
        this.attribution = attribution;
        this.sourceToRevenue = sourceToRevenue;
        this.computer = computer;
    }

    /** Revenue of the deals won from {@code from} to {@code to} (local close days) per value of {@code by}. */
    @GetMapping("/attribution")
    public List<AttributionRow> attribution(@RequestParam(required = false) String model,
                                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                            @RequestParam(defaultValue = "channel") String by) {
        Query query = query(model, from, to, by);
        Map<String, AttributionRow> rows = new TreeMap<>(AttributedCredit.ORDER);
        for (AttributedCredit credit : attribution.credits(query.model(), query.by(), from, to)) {
            rows.merge(credit.dimensionValue(), new AttributionRow(query.model().id(), query.by().id(),
                    credit.dimensionValue(), credit.revenue(), credit.deals()), AttributionRow::plus);
        }
        return new ArrayList<>(rows.values());
    }

    /** Leads, cost, attributed revenue and ROI per value of {@code by} from {@code from} to {@code to}. */
    @GetMapping("/source-to-revenue")
    public List<SourceToRevenue.Row> sourceToRevenue(
            @RequestParam(required = false) String model,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "channel") String by) {
        Query query = query(model, from, to, by);
        return sourceToRevenue.matrix(query.by(), query.model(), from, to);
    }

    /** Checks the request's parameters, then brings the daily FX rates up to date for it. */
    private Query query(String model, LocalDate from, LocalDate to, String by) {
        AttributionModel chosen = model == null ? attribution.defaultModel() : BadParameter.parse("model", model,
                AttributionModel::of, "is not an attribution model", "use " + AttributionModel.ids());
        Dimension dimension = BadParameter.parse("by", by, AttributionService::attributableDimension,
                "is not a dimension revenue is attributed by", "use channel, source or campaign");
        if (from.isAfter(to)) {
            throw new BadParameter("from", from.toString(), "is after to '" + to + "'", "use a day on or before to");
        }
        computer.refreshFxRates();
        return new Query(chosen, dimension);
    }

    private record Query(AttributionModel model, Dimension by) {
    }

    /** Attributed revenue of one dimension value over the whole range. */
    public record AttributionRow(String model, String dimension, String dimensionValue, BigDecimal revenue,
                                 long deals) {

        AttributionRow plus(AttributionRow other) {
            return new AttributionRow(model, dimension, dimensionValue, revenue.add(other.revenue),
                    deals + other.deals);
        }
    }
}
