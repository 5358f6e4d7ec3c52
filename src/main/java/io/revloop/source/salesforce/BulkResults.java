package io.revloop.source.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Bulk API 2.0 query results (CSV, header first) as records shaped like the REST API's, so one
 * mapper reads both: a column {@code Owner.Name} becomes a nested {@code Owner} object, and an
 * empty value — Bulk CSV's null — becomes null.
 */
final class BulkResults {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BulkResults() {
    }

    /** Hands the records of {@code csv} on in chunks of up to {@code chunkSize}. */
    static void forEachChunk(String csv, int chunkSize, Consumer<ArrayNode> chunks) {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv)).setFormat(CSVFormat.DEFAULT).get()) {
            List<String> header = null;
            ArrayNode chunk = NODES.arrayNode();
            for (CSVRecord row : parser) {
                if (header == null) {
                    header = row.toList();
                    continue;
                }
                chunk.add(record(header, row));
                if (chunk.size() >= chunkSize) {
                    chunks.accept(chunk);
                    chunk = NODES.arrayNode();
                }
            }
            if (!chunk.isEmpty()) {
                chunks.accept(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode record(List<String> header, CSVRecord row) {
        ObjectNode record = NODES.objectNode();
        for (int i = 0; i < header.size() && i < row.size(); i++) {
            String value = row.get(i);
            ObjectNode parent = record;
            String[] path = header.get(i).split("\\.");
            for (int p = 0; p < path.length - 1; p++) {
                parent = parent.has(path[p]) && parent.get(path[p]).isObject() ? (ObjectNode) parent.get(path[p])
                        : parent.putObject(path[p]);
            }
            String field = path[path.length - 1];
            if (value.isEmpty()) {
                parent.putNull(field);
            } else {
                parent.put(field, value);
            }
        }
        return record;
    }
}
