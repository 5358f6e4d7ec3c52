package io.revloop.kpi;

import io.revloop.kpi.facts.KpiInput;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** Renders docs/kpis.md from the catalogue, so the documentation is the definitions (KpiDocsTest checks it). */
public final class KpiDocs {

    private KpiDocs() {
    }

    public static String render(List<KpiDefinition> catalogue) {
        StringBuilder md = new StringBuilder();
        md.append("""
                # KPIs

                <!-- Generated from io.revloop.kpi.KpiCatalog by KpiDocs; do not edit by hand. Regenerate with
                     mvn -q test -Dtest=KpiDocsTest -Drevloop.docs.write=true -->

                Every KPI the hub computes, as `GET /api/kpis/catalog` lists it. Values are read with
                `GET /api/kpis?kpi=<id>&grain=<day|week|month|quarter>&from=YYYY-MM-DD&to=YYYY-MM-DD&by=<dimension>`
                and written to `kpi_values` after every sync (see README, "KPIs").

                ## How values read
                - **Units**: ratios are fractions (0.25 = 25 %, ROI 300 % = 3.0); money is in the base currency
                  (`revloop.base-currency`), converted with the FX rate of the transaction's day in
                  `revloop.time-zone` (the latest earlier rate when that day has none; a currency without any
                  rate is left out and named in a warning); durations in days, response time in minutes.
                - **Periods**: ISO weeks (Monday first), calendar months and quarters, in `revloop.time-zone`.
                  `from`/`to` select the periods overlapping those days.
                - **Numerator and denominator** are kept with every ratio, so a BI tool can re-aggregate.
                  A ratio whose denominator is zero has `value` null; a period where both are zero has no row.
                  Counts are reported for every period in which the dimension value has any activity.
                - **Dimensions**: `channel`, `source`, `campaign`, `owner` and `score_band` (lead score bands
                  not_qualified 0–39, mql 40–69, sql 70–89, hot 90–100). A lead's dimensions are its own; a deal's
                  channel, source and campaign are those of its primary lead, its owner its own; ad spend's
                  source is its platform. Per day, only `channel` is computed. A value without a known dimension
                  value (a lead without channel) is reported with `dimensionValue` null; attributed revenue of
                  deals without a touchpoint under `(unattributed)` (docs/attribution.md).
                - **Cohorts**: stage conversion rates follow the leads that entered the earlier stage in the
                  period, whenever they reach the next one; so a period's rate can still rise later, and the
                  restatement is kept (the old value gets `superseded_at`).
                - **Restatements**: a recompute writes only changed values; the value it replaces stays in
                  `kpi_values` with `superseded_at` set.
                - **Complete periods**: every value has `complete` (API, `kpi_values`, BI views, CSV, Power BI,
                  webhook). A period is complete when it ended before today (in `revloop.time-zone`) and the
                  data of every input the KPI reads reaches its last day. The inputs and their *newest day*,
                  the last local day a row of them counts on (taken from the compute's daily facts, kept in
                  `kpi_coverage`): `crm` (leads, deals, touchpoints and accounts together, so a week without a
                  won deal does not hold win rates back while leads keep arriving), `ad_spend`,
                  `web_traffic`, `surveys`, and the monthly `costs` and `mrr`, whose newest month counts as
                  covered to its end. An input without any data holds nothing back; quotas (targets set ahead)
                  and FX rates are no inputs. A period in progress has `complete` false and keeps changing; so
                  does a period whose data lags (ad spend up to yesterday: yesterday's day and, on the 1st,
                  last month stay incomplete until it arrives). After every compute, and at the start of each
                  day (`revloop.kpi.refresh-schedule`), the periods stored as not complete are computed again.
                  A sparse input — survey responses, a CRM without new records for days — leaves its last
                  periods incomplete until a newer row arrives.
                - **Units in the API**: each row of `GET /api/kpis` carries its `unit`: the unit below, with
                  money as the base currency code (`EUR`, `EUR/day`). Values keep the stored precision (10
                  decimals), trailing zeros dropped.

                """);
        String section = null;
        for (KpiDefinition kpi : catalogue) {
            if (!kpi.section().equals(section)) {
                section = kpi.section();
                md.append("## ").append(section).append("\n\n");
            }
            md.append("### `").append(kpi.id()).append("` — ").append(kpi.name()).append("\n\n");
            md.append(kpi.description()).append("\n\n");
            md.append("- unit: ").append(kpi.unit().label()).append("; better: ").append(kpi.direction().label())
                    .append('\n');
            if (kpi.benchmark() != null) {
                md.append("- benchmark: ").append(band(kpi.benchmark())).append('\n');
            }
            md.append("- grains: ").append(kpi.grains().stream().map(Grain::id).collect(Collectors.joining(", ")))
                    .append('\n');
            md.append("- dimensions: ").append(kpi.dimensions().isEmpty() ? "none"
                    : kpi.dimensions().stream().map(Dimension::id).collect(Collectors.joining(", "))).append('\n');
            if (kpi.atPeriodEnd()) {
                md.append("- a level at the end of each period, also of periods without activity\n");
            }
            md.append("- inputs: ").append(kpi.inputs().isEmpty() ? "none"
                    : kpi.inputs().stream().map(KpiInput::id).collect(Collectors.joining(", "))).append('\n');
            if (kpi.minSample() != null) {
                md.append("- alert min-sample: ").append(kpi.minSample()).append('\n');
            }
            if (kpi.accumulates()) {
                md.append("- accumulates over the period: an alert rule may check the running period pro rata\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String band(Benchmark benchmark) {
        String range = benchmark.low() != null && benchmark.high() != null
                ? plain(benchmark.low()) + " – " + plain(benchmark.high())
                : benchmark.low() != null ? "≥ " + plain(benchmark.low()) : "≤ " + plain(benchmark.high());
        return benchmark.note() == null ? range : range + " (" + benchmark.note() + ")";
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
