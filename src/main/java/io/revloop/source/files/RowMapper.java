package io.revloop.source.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.model.CanonicalRow;
import io.revloop.model.Entity;
import io.revloop.model.Field;
import io.revloop.model.RowRules;
import io.revloop.model.ValueParser;
import io.revloop.model.ValueParser.BadValueException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * Maps the rows of one import file to canonical records. Built from the file's header, which it
 * checks first: a header that lacks a required column, repeats one or has an empty name rejects
 * the file (the message names the delimiter the header was read with). Columns the format does not
 * know are kept aside as JSON; an optional {@code deleted_at} column marks records deleted at the source.
 */
class RowMapper {

    static final String DELETED_AT = "deleted_at";
    private static final Pattern WORDS = Pattern.compile("[^a-z0-9_]+");
    private static final Field DELETED_AT_FIELD = Field.optional(DELETED_AT, DELETED_AT, io.revloop.model.ValueType.TIMESTAMP);

    private final Entity entity;
    private final ValueParser parser;
    private final ObjectMapper json;
    private final int[] positions;
    private final int deletedAtPosition;
    private final List<String> header;
    private final List<Integer> unknownPositions = new ArrayList<>();

    RowMapper(Entity entity, List<String> rawHeader, char delimiter, ValueParser parser, ObjectMapper json)
            throws FileRejectedException {
        this.entity = entity;
        this.parser = parser;
        this.json = json;
        this.header = normalize(rawHeader);
        this.positions = new int[entity.fields().size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) {
            Field field = entity.fields().get(i);
            positions[i] = header.indexOf(field.name());
            if (positions[i] < 0 && field.required()) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new FileRejectedException(1, missingColumns(missing, delimiter));
        }
        this.deletedAtPosition = header.indexOf(DELETED_AT);
        for (int i = 0; i < header.size(); i++) {
            if (!isKnown(header.get(i))) {
                unknownPositions.add(i);
            }
        }
    }

    int columns() {
        return header.size();
    }

    /** The record of a row, or a {@link BadValueException} saying what is wrong with it. */
    CanonicalRow map(CSVRecord record) {
        if (record.size() != header.size()) {
            throw new BadValueException("has " + record.size() + " fields, the header has " + header.size());
        }
        Object[] values = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            String raw = positions[i] < 0 ? null : record.get(positions[i]);
            values[i] = parser.parse(entity.fields().get(i), raw);
        }
        RowRules.check(entity, values);
        OffsetDateTime deletedAt = deletedAtPosition < 0 ? null
                : (OffsetDateTime) parser.parse(DELETED_AT_FIELD, record.get(deletedAtPosition));
        return new CanonicalRow(entity, entity.externalId(values), values, deletedAt, extra(record));
    }

    private String extra(CSVRecord record) {
        if (unknownPositions.isEmpty()) {
            return null;
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (int position : unknownPositions) {
            String value = record.get(position);
            if (!value.isBlank()) {
                extra.put(header.get(position), value);
            }
        }
        try {
            return extra.isEmpty() ? null : json.writeValueAsString(extra);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Why the header lacks required columns. When a column holds a missing name among other words
     * ({@code id|email|created_at}), the header was split at the wrong character, and the message
     * says so rather than claiming the column is missing.
     */
    private String missingColumns(List<String> missing, char delimiter) {
        String read = "the header read with delimiter " + HeaderDelimiter.name(delimiter);
        for (String column : header) {
            List<String> inside = missing.stream().filter(name -> WORDS.splitAsStream(column).anyMatch(name::equals))
                    .toList();
            if (!inside.isEmpty()) {
                return read + " has the column '" + shortened(column) + "', which names " + String.join(", ", inside)
                        + " inside it: are the columns separated by another character? The import reads comma,"
                        + " semicolon and tab";
            }
        }
        return "header misses required column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                + " (" + read + " has " + header.stream().map(RowMapper::shortened).toList() + "); "
                + entity.fileName() + ".csv needs " + entity.fields().stream().filter(Field::required).map(Field::name)
                .toList();
    }

    private static String shortened(String column) {
        return column.length() <= 60 ? column : column.substring(0, 57) + "...";
    }

    private boolean isKnown(String column) {
        return column.equals(DELETED_AT) || entity.fields().stream().anyMatch(f -> f.name().equals(column));
    }

    private static List<String> normalize(List<String> rawHeader) throws FileRejectedException {
        List<String> names = new ArrayList<>(rawHeader.size());
        for (int i = 0; i < rawHeader.size(); i++) {
            String name = rawHeader.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new FileRejectedException(1, "header column " + (i + 1) + " has no name");
            }
            if (names.contains(name)) {
                throw new FileRejectedException(1, "header repeats column " + name);
            }
            names.add(name);
        }
        return names;
    }
}
