package io.revloop.model;

import io.revloop.model.ValueParser.BadValueException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of dates and numbers that spreadsheets write into their CSV exports, which file imports
 * read besides ISO-8601 and plain decimals: {@code 15.11.2026} (day.month.year, optionally with
 * {@code 10:00} or {@code 10:00:00}), dates with slashes in the configured {@link DateOrder}, and
 * numbers with thousands separators in the configured {@link NumberFormat}. Values from APIs (CRMs,
 * ad platforms) never go through here: their parser is strict.
 */
public record SpreadsheetForms(DateOrder dateOrder, NumberFormat numberFormat) {

    /** The order of {@code 11/15/2026}: month first (US) or day first (UK); which one cannot be told from the date. */
    public enum DateOrder { MDY, DMY }

    /** {@code en}: {@code 1,500.50} or {@code 1500.50}; {@code de}: {@code 1.500,50} or {@code 1500,50}. */
    public enum NumberFormat {
        EN("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?", ',', "1,500.50 or 1500.50"),
        DE("[+-]?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?", '.', "1.500,50 or 1500,50");

        private final Pattern grouped;
        private final char groupSeparator;
        private final String examples;

        NumberFormat(String grouped, char groupSeparator, String examples) {
            this.grouped = Pattern.compile(grouped);
            this.groupSeparator = groupSeparator;
            this.examples = examples;
        }
    }

    private static final Pattern DATE = Pattern.compile(
            "(\\d{1,2})([./])(\\d{1,2})\\2(\\d{4})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");

    /**
     * The date and time of {@code 15.11.2026}, {@code 15.11.2026 10:00[:00]} or a date with slashes
     * (with or without time); null when the text has none of these forms.
     */
    LocalDateTime dateTime(Field field, String text) {
        Matcher date = DATE.matcher(text);
        if (!date.matches()) {
            return null;
        }
        LocalDate day = day(field, text, date);
        if (date.group(5) == null) {
            return day.atStartOfDay();
        }
        try {
            return day.atTime(Integer.parseInt(date.group(5)), Integer.parseInt(date.group(6)),
                    date.group(7) == null ? 0 : Integer.parseInt(date.group(7)));
        } catch (DateTimeException e) {
            throw new BadValueException(field.name() + " '" + text + "' has no valid time of day");
        }
    }

    /** The day of {@code 15.11.2026} or of a date with slashes; null when the text has neither form. */
    LocalDate date(Field field, String text) {
        Matcher date = DATE.matcher(text);
        return date.matches() && date.group(5) == null ? day(field, text, date) : null;
    }

    /**
     * The number as plain decimal text ({@code 1,500.50} under {@code en} is {@code 1500.50}); text
     * without the format's separators comes back as it is. Separators that do not group thousands
     * ({@code 1,5} under {@code en}) are refused naming the format.
     */
    String plainNumber(Field field, String text) {
        boolean en = numberFormat == NumberFormat.EN;
        boolean separated = en ? text.indexOf(',') >= 0 : text.indexOf(',') >= 0 || text.indexOf('.') >= 0;
        if (!separated) {
            return text;
        }
        if (!numberFormat.grouped.matcher(text).matches()) {
            throw new BadValueException(field.name() + " '" + text + "' is not a number " + numberHint());
        }
        String ungrouped = text.replace(String.valueOf(numberFormat.groupSeparator), "");
        return en ? ungrouped : ungrouped.replace(',', '.');
    }

    /** How numbers must look, for messages. */
    String numberHint() {
        return "in the " + numberFormat.name().toLowerCase(Locale.ROOT) + " number format (" + numberFormat.examples
                + "; revloop.sources.files.number-format)";
    }

    private LocalDate day(Field field, String text, Matcher date) {
        boolean slashes = date.group(2).equals("/");
        if (slashes && dateOrder == null) {
            throw new BadValueException(field.name() + " '" + text + "' is a date with slashes, which may be"
                    + " month/day/year or day/month/year: set revloop.sources.files.date-order to MDY or DMY");
        }
        boolean monthFirst = slashes && dateOrder == DateOrder.MDY;
        int first = Integer.parseInt(date.group(1));
        int second = Integer.parseInt(date.group(3));
        try {
            int year = Integer.parseInt(date.group(4));
            return monthFirst ? LocalDate.of(year, first, second) : LocalDate.of(year, second, first);
        } catch (DateTimeException e) {
            throw new BadValueException(field.name() + " '" + text + "' is not a date ("
                    + (slashes ? (monthFirst ? "month/day/year" : "day/month/year") : "day.month.year") + ")");
        }
    }
}
