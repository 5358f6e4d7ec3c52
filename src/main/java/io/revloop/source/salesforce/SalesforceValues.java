package io.revloop.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** Reading values out of a Salesforce record as the REST API returns it (JSON, relationship fields nested). */
final class SalesforceValues {

    /** Salesforce's datetime form, {@code 2026-05-01T07:25:37.000+0000}. */
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss").optionalStart().appendPattern(".SSS").optionalEnd()
            .appendPattern("[XXX][XX][X]").toFormatter();

    private SalesforceValues() {
    }

    /** The text of a field ({@code Owner.Name} follows the relationship), or null when absent or null. */
    static String text(JsonNode record, String field) {
        JsonNode node = field.indexOf('.') < 0 ? record.get(field) : nested(record, field);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static JsonNode nested(JsonNode record, String field) {
        JsonNode node = record;
        int start = 0;
        while (node != null) {
            int dot = field.indexOf('.', start);
            node = node.get(dot < 0 ? field.substring(start) : field.substring(start, dot));
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return node;
    }

    static boolean flag(JsonNode record, String field) {
        JsonNode node = record.get(field);
        return node != null && node.asBoolean(false);
    }

    /**
     * A Salesforce datetime as ISO-8601 text the canonical parser reads fast ({@code 2026-05-01T07:25:37Z});
     * other text is returned as it is, for the parser to judge.
     */
    static String isoTimestamp(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() == 28 && text.endsWith(".000+0000") && text.charAt(10) == 'T') {
            return text.substring(0, 19) + "Z";
        }
        OffsetDateTime parsed = parseDatetime(text);
        return parsed == null ? text : parsed.toString();
    }

    /** A Salesforce datetime, or null when the text is not one. */
    static OffsetDateTime parseDatetime(String text) {
        try {
            return OffsetDateTime.parse(text, DATETIME);
        } catch (RuntimeException notADatetime) {
            return null;
        }
    }

    /** The datetime literal SOQL expects in a WHERE clause. */
    static String soqlDatetime(OffsetDateTime time) {
        return time.withOffsetSameInstant(java.time.ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"));
    }
}
