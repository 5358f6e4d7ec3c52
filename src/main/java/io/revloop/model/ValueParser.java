package io.revloop.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the text of one field into its typed value, or explains in a {@link BadValueException}
 * why it cannot. Text is trimmed; empty text is "no value".
 *
 * <p>Timestamps are ISO-8601 with an offset or {@code Z}; a timestamp without one, or a plain
 * date, is read in the hub's time zone (start of day for a date). Numbers are plain decimals with
 * {@code .} as decimal point. A parser for file imports also reads the {@link SpreadsheetForms}
 * given to it; one for API values (CRMs, ad platforms) reads only the strict forms.
 */
public final class ValueParser {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final ZoneId zone;
    private final String baseCurrency;
    /** The spreadsheet forms read besides the strict ones; null for API values. */
    private final SpreadsheetForms spreadsheet;

    /** A strict parser, for values from APIs. */
    public ValueParser(ZoneId zone, String baseCurrency) {
        this(zone, baseCurrency, null);
    }

    /** A parser that also reads the forms spreadsheets write, for file imports. */
    public ValueParser(ZoneId zone, String baseCurrency, SpreadsheetForms spreadsheet) {
        this.zone = zone;
        this.baseCurrency = baseCurrency;
        this.spreadsheet = spreadsheet;
    }

    public Object parse(Field field, String raw) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) {
            if (field.required()) {
                throw new BadValueException(field.name() + " is required");
            }
            return field.type() == ValueType.CURRENCY ? baseCurrency : null;
        }
        if (text.length() > field.maxLength() && isText(field.type())) {
            throw new BadValueException(field.name() + " is longer than " + field.maxLength() + " characters");
        }
        Object value = switch (field.type()) {
            case TEXT -> text;
            case EMAIL -> email(field, text);
            case CHANNEL -> Channel.canonical(text).orElseThrow(() -> new BadValueException(
                    field.name() + " '" + text + "' is not a channel; expected one of " + Channel.NAMES));
            case CURRENCY -> currency(field, text);
            case TIMESTAMP -> timestamp(field, text);
            case DATE -> date(field, text);
            case MONTH -> month(field, text);
            case DECIMAL -> decimal(field, text);
            case INTEGER -> integer(field, text);
            case BOOLEAN -> bool(field, text);
        };
        if (!field.allowed().isEmpty() && !field.allowed().contains(value)) {
            throw new BadValueException(field.name() + " '" + text + "' is not one of " + field.allowed());
        }
        return value;
    }

    public OffsetDateTime timestamp(Field field, String text) {
        OffsetDateTime common = IsoTimestamps.parseCommonForm(text);
        if (common != null) {
            return common;
        }
        String iso = text;
        if (spreadsheet != null) {
            LocalDateTime local = spreadsheet.dateTime(field, text);
            if (local != null) {
                return local.atZone(zone).toOffsetDateTime();
            }
            // 2026-11-15 10:00:00, as spreadsheets write ISO dates with a time
            boolean spaced = text.length() > 10 && text.charAt(10) == ' ';
            iso = spaced ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        }
        try {
            return OffsetDateTime.parse(iso);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(iso).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(iso).atStartOfDay(zone).toOffsetDateTime();
                } catch (DateTimeParseException notDate) {
                    throw new BadValueException(field.name() + " '" + text + (spreadsheet == null
                            ? "' is not an ISO-8601 timestamp (e.g. 2026-03-01T09:30:00Z)"
                            : "' is not a timestamp (e.g. 2026-03-01T09:30:00Z, 2026-03-01 09:30 or"
                            + " 01.03.2026 09:30)"));
                }
            }
        }
    }

    private static boolean isText(ValueType type) {
        return type == ValueType.TEXT || type == ValueType.EMAIL;
    }

    private static String email(Field field, String text) {
        String normalized = text.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(normalized).matches()) {
            throw new BadValueException(field.name() + " '" + text + "' is not an email address");
        }
        return normalized;
    }

    private static String currency(Field field, String text) {
        String code = text.toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(code).matches()) {
            throw new BadValueException(field.name() + " '" + text + "' is not a three-letter currency code");
        }
        return code;
    }

    private LocalDate date(Field field, String text) {
        LocalDate spreadsheetDay = spreadsheet == null ? null : spreadsheet.date(field, text);
        if (spreadsheetDay != null) {
            return spreadsheetDay;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadValueException(field.name() + " '" + text + "' is not a date (YYYY-MM-DD"
                    + (spreadsheet == null ? ")" : " or DD.MM.YYYY)"));
        }
    }

    private LocalDate month(Field field, String text) {
        LocalDate spreadsheetDay = spreadsheet == null ? null : spreadsheet.date(field, text);
        if (spreadsheetDay != null) {
            return spreadsheetDay.withDayOfMonth(1);
        }
        try {
            return text.length() == 7 ? YearMonth.parse(text).atDay(1) : LocalDate.parse(text).withDayOfMonth(1);
        } catch (DateTimeParseException e) {
            throw new BadValueException(field.name() + " '" + text + "' is not a month (YYYY-MM)");
        }
    }

    private BigDecimal decimal(Field field, String text) {
        String plain = spreadsheet == null ? text : spreadsheet.plainNumber(field, text);
        try {
            BigDecimal value = new BigDecimal(plain);
            if (value.precision() - value.scale() > 19 - field.scale()) {
                throw new BadValueException(field.name() + " '" + text + "' is too large");
            }
            return value.setScale(field.scale(), RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            throw new BadValueException(field.name() + " '" + text + "' is not a number "
                    + (spreadsheet == null ? "(use '.' as decimal point)" : spreadsheet.numberHint()));
        }
    }

    private Long integer(Field field, String text) {
        String plain = spreadsheet == null ? text : spreadsheet.plainNumber(field, text);
        try {
            return Long.valueOf(plain);
        } catch (NumberFormatException e) {
            throw new BadValueException(field.name() + " '" + text + "' is not a whole number"
                    + (spreadsheet == null ? "" : " " + spreadsheet.numberHint()));
        }
    }

    private static Boolean bool(Field field, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y" -> Boolean.TRUE;
            case "false", "0", "no", "n" -> Boolean.FALSE;
            default -> throw new BadValueException(field.name() + " '" + text + "' is not true or false");
        };
    }

    /** A field value that cannot be read; the message says which field and why. */
    public static final class BadValueException extends RuntimeException {
        public BadValueException(String message) {
            super(message);
        }
    }
}
