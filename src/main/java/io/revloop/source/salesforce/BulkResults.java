package io.revloop.source.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revloop.source.http.CappedInputStream;
import io.revloop.source.http.HttpLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Bulk API 2.0 query results (CSV, header first) as records shaped like the REST API's, so one
 * mapper reads both: a column {@code Owner.Name} becomes a nested {@code Owner} object, and an
 * empty value — Bulk CSV's null — becomes null. The CSV is parsed as it is read, record by record;
 * one record (an unclosed quote makes the rest of the answer one value) may be at most
 * {@code revloop.http.max-document-size}.
 */
final class BulkResults {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final long maxRecordBytes;

    BulkResults(HttpLimits limits) {
        this.maxRecordBytes = limits.maxDocumentSize().toBytes();
    }

    /** Hands the records of {@code csv} on in chunks of up to {@code chunkSize}. */
    void forEachChunk(InputStream csv, int chunkSize, Consumer<ArrayNode> chunks) throws IOException {
        CappedInputStream capped = new CappedInputStream(csv, maxRecordBytes, "a Bulk API result record larger than "
                + HttpLimits.describe(maxRecordBytes) + " (revloop.http.max-document-size)");
        try (CSVParser parser = CSVParser.builder().setReader(new InputStreamReader(capped, StandardCharsets.UTF_8))
                .setFormat(CSVFormat.DEFAULT).get()) {
            List<String> header = null;
            ArrayNode chunk = NODES.arrayNode();
            for (CSVRecord row : parser) {
                capped.restart();
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
        } catch (UncheckedIOException e) {
            // the parser's iterator wraps read failures
            throw e.getCause();
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
