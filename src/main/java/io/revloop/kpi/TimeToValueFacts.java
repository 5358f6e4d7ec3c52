package io.revloop.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
import io.revloop.kpi.facts.FactTable;
import io.revloop.kpi.facts.Measure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Days from a new deal's close-won to its account's first value milestone — the account field
 * {@code revloop.kpi.value-milestone-field} (an extra column of the import or a mapped CRM field,
 * e.g. a go-live date) — counted on the milestone's day. A milestone that is no date, or before the
 * close, is skipped and counted in a warning.
 */
@Component
public class TimeToValueFacts {

    private static final Logger log = LoggerFactory.getLogger(TimeToValueFacts.class);
    private static final String WON_NEW_DEALS_WITH_ACCOUNT = """
            SELECT d.closed_at, a.extra FROM deals d
            JOIN accounts a ON a.source = d.source AND a.external_id = d.account_external_id
            WHERE d.deleted_at IS NULL AND a.deleted_at IS NULL AND d.is_won = TRUE AND d.closed_at IS NOT NULL
              AND (d.deal_type = 'new' OR d.deal_type IS NULL) AND a.extra IS NOT NULL""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String field;
    private final ZoneId zone;

    public TimeToValueFacts(JdbcTemplate jdbc, ObjectMapper json, RevloopProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.field = properties.kpi().valueMilestoneField();
        this.zone = properties.timeZone();
    }

    public void addTo(FactTable facts) {
        int[] skipped = {0};
        jdbc.query(WON_NEW_DEALS_WITH_ACCOUNT, rs -> {
            LocalDate milestone = milestone(rs.getString(2));
            if (milestone == null) {
                return;
            }
            LocalDate closed = rs.getObject(1, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate();
            long days = closed.until(milestone, java.time.temporal.ChronoUnit.DAYS);
            if (days < 0) {
                skipped[0]++;
                return;
            }
            facts.add(Measure.VALUE_DAYS_SUM, null, null, milestone, BigDecimal.valueOf(days));
            facts.add(Measure.VALUE_MILESTONES, null, null, milestone, BigDecimal.ONE);
        });
        if (skipped[0] > 0) {
            log.warn("time_to_value: {} accounts have a {} before their deal's close or not a date; left out",
                    skipped[0], field);
        }
    }

    private LocalDate milestone(String extra) {
        try {
            JsonNode value = json.readTree(extra).get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                return null;
            }
            String text = value.asText().trim();
            return text.length() == 10 ? LocalDate.parse(text)
                    : OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDate();
        } catch (DateTimeParseException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
