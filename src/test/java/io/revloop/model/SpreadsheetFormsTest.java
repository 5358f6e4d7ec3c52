package io.revloop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revloop.model.SpreadsheetForms.DateOrder;
import io.revloop.model.SpreadsheetForms.NumberFormat;
import io.revloop.model.ValueParser.BadValueException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What a file import's parser reads besides the strict forms, and that the strict parser of API
 * values (Salesforce, HubSpot, GA4, ad platforms) still refuses them. The import scenarios cover
 * these forms end to end; month-first slash dates are only here, as they differ from day-first
 * dates in the order of two numbers alone.
 */
class SpreadsheetFormsTest {

    private static final Field CREATED_AT = Field.required("created_at", "created_at", ValueType.TIMESTAMP);
    private static final Field CLOSE_DATE = Field.optional("expected_close_date", "expected_close_date", ValueType.DATE);
    private static final Field MONTH = Field.required("month", "month_start", ValueType.MONTH);
    private static final Field AMOUNT = Field.required("amount", "amount", ValueType.DECIMAL);
    private static final Field SESSIONS = Field.required("sessions", "sessions", ValueType.INTEGER);

    private final ValueParser us = new ValueParser(ZoneOffset.UTC, "USD",
            new SpreadsheetForms(DateOrder.MDY, NumberFormat.EN));
    private final ValueParser api = new ValueParser(ZoneOffset.UTC, "USD");

    @Test
    void monthFirstSlashDates() {
        assertThat(us.parse(CREATED_AT, "11/15/2026 10:00")).isEqualTo(OffsetDateTime.parse("2026-11-15T10:00:00Z"));
        assertThat(us.parse(CREATED_AT, "1/5/2026")).isEqualTo(OffsetDateTime.parse("2026-01-05T00:00:00Z"));
        assertThat(us.parse(CLOSE_DATE, "11/15/2026")).isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(us.parse(MONTH, "11/15/2026")).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThatThrownBy(() -> us.parse(CLOSE_DATE, "15/11/2026")).isInstanceOf(BadValueException.class)
                .hasMessage("expected_close_date '15/11/2026' is not a date (month/day/year)");
        assertThatThrownBy(() -> us.parse(CREATED_AT, "11/15/2026 25:00")).isInstanceOf(BadValueException.class)
                .hasMessage("created_at '11/15/2026 25:00' has no valid time of day");
    }

    @Test
    void englishNumbersGroupThousandsWithCommas() {
        assertThat(us.parse(AMOUNT, "-1,234,567.5")).isEqualTo(new BigDecimal("-1234567.500000"));
        assertThat(us.parse(SESSIONS, "12,000")).isEqualTo(12_000L);
        assertThatThrownBy(() -> us.parse(AMOUNT, "12,00")).isInstanceOf(BadValueException.class)
                .hasMessage("amount '12,00' is not a number in the en number format (1,500.50 or 1500.50;"
                        + " revloop.sources.files.number-format)");
    }

    @Test
    void apiValuesStayStrict() {
        assertThatThrownBy(() -> api.parse(AMOUNT, "1,500.50")).isInstanceOf(BadValueException.class)
                .hasMessage("amount '1,500.50' is not a number (use '.' as decimal point)");
        for (String spreadsheetTime : new String[] {"15.11.2026", "11/15/2026", "2026-11-15 10:00:00"}) {
            assertThatThrownBy(() -> api.parse(CREATED_AT, spreadsheetTime)).as(spreadsheetTime)
                    .isInstanceOf(BadValueException.class).hasMessageContaining("is not an ISO-8601 timestamp");
        }
        assertThatThrownBy(() -> api.parse(CLOSE_DATE, "15.11.2026")).isInstanceOf(BadValueException.class)
                .hasMessage("expected_close_date '15.11.2026' is not a date (YYYY-MM-DD)");
    }
}
