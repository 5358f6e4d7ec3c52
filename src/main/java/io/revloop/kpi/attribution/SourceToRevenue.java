package io.revloop.kpi.attribution;

import io.revloop.RevloopProperties;
import io.revloop.kpi.Dimension;
import io.revloop.kpi.LocalDays;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The source-to-revenue matrix: per channel, source or campaign the leads created, the marketing cost and
 * the attributed revenue of a date range, and the ROI that follows. Definitions in {@code docs/attribution.md}.
 */
@Component
public class SourceToRevenue {

    /**
     * Ad platforms and the traffic source their clicks carry (GA's {@code utm_source}), so ad spend lands on
     * the same source as the leads and touches it bought. Any other platform is its own source.
     */
    public static final Map<String, String> SOURCE_OF_PLATFORM = Map.of(
            "google_ads", "google",
            "microsoft_ads", "bing",
            "bing_ads", "bing",
            "linkedin_ads", "linkedin",
            "meta_ads", "facebook",
            "facebook_ads", "facebook");
    private static final int ROI_SCALE = 6;

    private final JdbcTemplate jdbc;
    private final LocalDays localDays;
    private final AttributionService attribution;

    public SourceToRevenue(JdbcTemplate jdbc, RevloopProperties properties, AttributionService attribution) {
        this.jdbc = jdbc;
        this.localDays = new LocalDays(properties.timeZone());
        this.attribution = attribution;
    }

    /**
     * One row per value of {@code by} found among the leads, costs or attributed revenue; a null value next
     * to last, {@code (unattributed)} — revenue of deals without touches, no leads, no cost, no ROI — last.
     */
    @Transactional(readOnly = true)
    public List<Row> matrix(Dimension by, AttributionModel model, LocalDate from, LocalDate to) {
        Map<String, Row> rows = new TreeMap<>(AttributedCredit.ORDER);
        leadsCreated(by, from, to).forEach((value, leads) -> rows.merge(value,
                new Row(value, leads, BigDecimal.ZERO, BigDecimal.ZERO, null), Row::plus));
        cost(by, from, to).forEach((value, cost) -> rows.merge(value,
                new Row(value, 0, cost, BigDecimal.ZERO, null), Row::plus));
        attribution.credits(model, by, from, to).forEach(credit -> rows.merge(credit.dimensionValue(),
                new Row(credit.dimensionValue(), 0, BigDecimal.ZERO, credit.revenue(), null), Row::plus));
        List<Row> matrix = new ArrayList<>(rows.size());
        rows.values().forEach(row -> matrix.add(row.withRoi()));
        return matrix;
    }

    private Map<String, Long> leadsCreated(Dimension by, LocalDate from, LocalDate to) {
        String column = switch (by) {
            case CHANNEL -> "channel";
            case SOURCE -> "lead_source";
            case CAMPAIGN -> "campaign_external_id";
            default -> throw AttributionService.notAttributable(by, "the source-to-revenue matrix");
        };
        String createdDay = localDays.of("created_at");
        Map<String, Long> leads = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        jdbc.query("SELECT " + column + ", COUNT(*) FROM leads WHERE deleted_at IS NULL AND " + createdDay
                + " BETWEEN ? AND ? GROUP BY " + column, rs -> {
                    leads.put(rs.getString(1), rs.getLong(2));
                }, from, to);
        return leads;
    }

    /** Ad spend in the range by its channel (else its campaign's), source or campaign, plus non-ad marketing cost by channel. */
    private Map<String, BigDecimal> cost(Dimension by, LocalDate from, LocalDate to) {
        String column = switch (by) {
            case CHANNEL -> "COALESCE(a.channel, c.channel)";
            case SOURCE -> platformAsSource();
            case CAMPAIGN -> "a.campaign_external_id";
            default -> throw AttributionService.notAttributable(by, "the source-to-revenue matrix");
        };
        Map<String, BigDecimal> cost = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        jdbc.query("SELECT " + column + " AS dimension_value, SUM(a.cost * fx.rate) FROM ad_spend a"
                + " JOIN kpi_fx_daily fx ON fx.currency = a.currency AND fx.rate_date = a.spend_date"
                + " LEFT JOIN campaigns c ON c.source = a.source AND c.external_id = a.campaign_external_id"
                + " AND c.deleted_at IS NULL"
                + " WHERE a.deleted_at IS NULL AND a.spend_date BETWEEN ? AND ? GROUP BY " + column, rs -> {
                    cost.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
                }, from, to);
        if (by == Dimension.CHANNEL) {
            jdbc.query("SELECT k.channel, SUM(k.amount * fx.rate) FROM costs k"
                    + " JOIN kpi_fx_daily fx ON fx.currency = k.currency AND fx.rate_date = k.month_start"
                    + " WHERE k.deleted_at IS NULL AND k.category = 'marketing' AND k.month_start BETWEEN ? AND ?"
                    + " GROUP BY k.channel", rs -> {
                        cost.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
                    }, from, to);
        }
        return cost;
    }

    private static String platformAsSource() {
        return SOURCE_OF_PLATFORM.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "WHEN '" + e.getKey() + "' THEN '" + e.getValue() + "'")
                .collect(Collectors.joining(" ", "CASE a.platform ", " ELSE a.platform END"));
    }

    /**
     * One line of the matrix: money in the base currency to the cent; {@code roi} = (revenue − cost) ÷ cost as
     * a fraction (7.0 is 700 %), null when there is no cost.
     */
    public record Row(String dimensionValue, long leads, BigDecimal cost, BigDecimal revenue, BigDecimal roi) {

        Row plus(Row other) {
            return new Row(dimensionValue, leads + other.leads, cost.add(other.cost), revenue.add(other.revenue), null);
        }

        Row withRoi() {
            BigDecimal roundedCost = cost.setScale(RevenueSplit.SCALE, RoundingMode.HALF_UP);
            BigDecimal roundedRevenue = revenue.setScale(RevenueSplit.SCALE, RoundingMode.HALF_UP);
            BigDecimal roi = roundedCost.signum() == 0 ? null
                    : roundedRevenue.subtract(roundedCost).divide(roundedCost, ROI_SCALE, RoundingMode.HALF_UP);
            return new Row(dimensionValue, leads, roundedCost, roundedRevenue, roi);
        }
    }
}
