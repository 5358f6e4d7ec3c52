package io.revloop.api;

import io.revloop.kpi.AttributedRevenueFacts;
import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import io.revloop.kpi.KpiCatalog;
import io.revloop.kpi.KpiComputer;
import io.revloop.kpi.KpiDefinition;
import io.revloop.kpi.KpiValue;
import io.revloop.kpi.KpiValueStore;
import io.revloop.kpi.attribution.AttributionModel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The KPI catalogue, computed values, and a full recompute on demand. */
@RestController
@RequestMapping("/api/kpis")
public class KpiController {

    private final KpiCatalog catalog;
    private final KpiValueStore values;
    private final KpiComputer computer;

    private final AttributedRevenueFacts attributed;
    private final String baseCurrency;

    public KpiController(KpiCatalog catalog, KpiValueStore values, KpiComputer computer,
                         AttributedRevenueFacts attributed, io.revloop.RevloopProperties properties) {
        this.attributed = attributed;
        this.baseCurrency = properties.baseCurrency();
        this.catalog = catalog;
        this.values = values;
        this.computer = computer;
    }

    @GetMapping("/catalog")
    public List<Map<String, Object>> catalog() {
        return catalog.all().stream().map(KpiController::describe).toList();
    }

    /** Values of one KPI per period ({@code from}/{@code to}: periods overlapping those days). */
    @GetMapping
    public List<Map<String, Object>> values(@RequestParam(required = false) String kpi,
                                            @RequestParam(defaultValue = "month") String grain,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                            @RequestParam(required = false) String by,
                                            @RequestParam(required = false) String model) {
        KpiDefinition definition = BadParameter.parse("kpi", kpi, catalog::get, "is not a KPI",
                "use an id of GET /api/kpis/catalog, e.g. win_rate");
        Grain periodGrain = BadParameter.parse("grain", grain, Grain::of, "is not a grain", "use " + Grain.ids());
        if (!definition.hasGrain(periodGrain)) {
            throw new BadParameter("grain", grain, "is not a grain " + definition.id() + " is computed per",
                    "use " + String.join(", ", definition.grains().stream().map(Grain::id).toList()));
        }
        Dimension dimension = by == null || by.isBlank() ? null
                : BadParameter.parse("by", by, Dimension::of, "is not a dimension", "use " + Dimension.ids());
        if (dimension != null && !definition.hasDimension(periodGrain, dimension)) {
            List<Dimension> valid = definition.dimensionsAt(periodGrain);
            throw new BadParameter("by", by, "is not a breakdown of " + definition.id() + " per " + periodGrain.id(),
                    valid.isEmpty() ? "leave it out: there is none"
                            : "use " + String.join(", ", valid.stream().map(Dimension::id).toList()));
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadParameter("to", to.toString(), "is before from '" + from + "'", "use a day on or after from");
        }
        LocalDate firstPeriod = from == null ? null : periodGrain.start(from);
        if (model != null && !model.isBlank()) {
            if (!KpiComputer.MODEL_KPIS.contains(definition.id())) {
                throw new BadParameter("model", model, "does not apply to " + definition.id(), "leave it out, or ask "
                        + "for one of " + String.join(", ", KpiComputer.MODEL_KPIS.stream().sorted().toList()));
            }
            AttributionModel chosen = BadParameter.parse("model", model, AttributionModel::of,
                    "is not an attribution model", "use " + AttributionModel.ids());
            if (chosen != attributed.defaultModel()) {
                computer.refreshFxRates();
                return computer.computeWithModel(definition, chosen, periodGrain, dimension, firstPeriod).stream()
                        .filter(v -> to == null || !v.periodStart().isAfter(to)).map(v -> row(v, definition)).toList();
            }
        }
        return values.find(definition.id(), periodGrain, dimension, firstPeriod, to).stream()
                .map(v -> row(v, definition)).toList();
    }

    /** Recomputes every KPI and answers when done. */
    @PostMapping("/compute")
    public Map<String, Object> compute() {
        KpiComputer.Summary summary = computer.computeAll();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valuesWritten", summary.written());
        body.put("valuesSuperseded", summary.superseded());
        body.put("durationMillis", summary.millis());
        return body;
    }

    private static Map<String, Object> describe(KpiDefinition kpi) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", kpi.id());
        body.put("name", kpi.name());
        body.put("description", kpi.description());
        body.put("unit", kpi.unit().label());
        body.put("direction", kpi.direction().label());
        Map<String, Object> benchmark = null;
        if (kpi.benchmark() != null) {
            benchmark = new LinkedHashMap<>();
            benchmark.put("low", kpi.benchmark().low());
            benchmark.put("high", kpi.benchmark().high());
            benchmark.put("note", kpi.benchmark().note());
        }
        body.put("benchmark", benchmark);
        body.put("grains", kpi.grains().stream().map(Grain::id).toList());
        body.put("dimensions", kpi.dimensions().stream().map(Dimension::id).toList());
        return body;
    }

    /**
     * A value as the API shows it, with its unit ({@link #unitOf}) and whether its period is complete;
     * numbers at the full precision stored (10 decimals), without trailing zeros.
     */
    private Map<String, Object> row(KpiValue value, KpiDefinition definition) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kpi", value.kpi());
        body.put("grain", value.grain().id());
        body.put("periodStart", value.periodStart().toString());
        body.put("dimension", value.dimension() == null ? null : value.dimension().id());
        body.put("dimensionValue", value.dimensionValue());
        body.put("value", plain(value.result().value()));
        body.put("numerator", plain(value.result().numerator()));
        body.put("denominator", plain(value.result().denominator()));
        body.put("unit", unitOf(definition));
        body.put("complete", value.complete());
        return body;
    }

    /** The unit a client formats a value in: the catalogue's, with money as the base currency ("EUR", "EUR/day"). */
    private String unitOf(KpiDefinition definition) {
        return switch (definition.unit()) {
            case MONEY -> baseCurrency;
            case MONEY_PER_DAY -> baseCurrency + "/day";
            default -> definition.unit().label();
        };
    }

    private static BigDecimal plain(BigDecimal number) {
        if (number == null) {
            return null;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
