package io.revloop.source.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.model.ValueParser;
import io.revloop.model.ValueParser.BadValueException;
import io.revloop.store.DeadLetter;
import io.revloop.store.SyncStateRepository;
import io.revloop.sync.BatchWriter;
import io.revloop.sync.BatchWriter.Batch;
import io.revloop.sync.OrderedCommits;
import io.revloop.sync.RunCounts;
import io.revloop.sync.SourceRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams one import file into the store in batches. Each batch commits together with the file's
 * cursor (its fingerprint and last committed line), so an import that dies half way resumes after
 * the last committed batch instead of starting over. Batches are written while the next ones are
 * parsed, by {@code committers} connections at once, and commit in file order.
 */
class CsvFileImporter {

    static final String SOURCE = "files";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT;

    private final BatchWriter writer;
    private final SyncStateRepository syncState;
    private final ValueParser parser;
    private final ObjectMapper json;
    private final int batchSize;
    private final int committers;
    private final ExecutorService committer;

    CsvFileImporter(BatchWriter writer, SyncStateRepository syncState, ValueParser parser, ObjectMapper json,
                    int batchSize, int committers) {
        this.writer = writer;
        this.syncState = syncState;
        this.parser = parser;
        this.json = json;
        this.batchSize = batchSize;
        this.committers = committers;
        this.committer = Executors.newFixedThreadPool(committers, r -> {
            Thread thread = new Thread(r, "files-commit");
            thread.setDaemon(true);
            return thread;
        });
    }

    RunCounts importFile(long runId, InboxFile file) throws FileRejectedException, IOException {
        try (BufferedReader reader = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = csv.iterator();
            if (!hasNext(records, 1)) {
                throw new FileRejectedException(1, "the file is empty: the first line must be the header");
            }
            RowMapper mapper = new RowMapper(file.entity(), records.next().toList(), parser, json);
            return new Import(runId, file, mapper, committedLine(file)).run(csv, records);
        }
    }

    /** The rows of the file this run will read: those after the header and after its committed cursor. */
    long expectedRows(InboxFile file) throws IOException {
        long committedRows = Math.max(0, committedLine(file) - 1);
        return Math.max(0, RowEstimate.rows(file.path(), file.size()) - committedRows);
    }

    /** Clears the file's cursor once it has been archived. */
    void forget(InboxFile file) {
        syncState.delete(SOURCE, file.name());
    }

    private long committedLine(InboxFile file) {
        return syncState.get(SOURCE, file.name())
                .filter(cursor -> cursor.startsWith(file.fingerprint() + ":"))
                .map(cursor -> Long.parseLong(cursor.substring(cursor.indexOf(':') + 1)))
                .orElse(0L);
    }

    private static String rawText(CSVRecord row) {
        return FORMAT.format((Object[]) row.values());
    }

    private static boolean hasNext(Iterator<CSVRecord> records, long line) throws FileRejectedException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException malformed) {
            throw new FileRejectedException(line, "malformed CSV after line " + line + ": "
                    + malformed.getCause().getMessage());
        }
    }

    /** The state of one file's import: the batch being filled and the counts committed so far. */
    private final class Import {
        private final long runId;
        private final InboxFile file;
        private final RowMapper mapper;
        private final long resumeAfterLine;
        private final List<SourceRecord> records = new ArrayList<>();
        private final List<DeadLetter> refused = new ArrayList<>();
        private long read;
        private long lastLine;
        private final OrderedCommits commits = new OrderedCommits(committer, committers);

        Import(long runId, InboxFile file, RowMapper mapper, long resumeAfterLine) {
            this.runId = runId;
            this.file = file;
            this.mapper = mapper;
            this.resumeAfterLine = resumeAfterLine;
        }

        RunCounts run(CSVParser csv, Iterator<CSVRecord> rows) throws FileRejectedException {
            try {
                while (hasNext(rows, csv.getCurrentLineNumber())) {
                    CSVRecord row = rows.next();
                    long line = csv.getCurrentLineNumber();
                    if (line > resumeAfterLine) {
                        add(row, line);
                    }
                }
            } catch (FileRejectedException malformed) {
                flush();
                commits.awaitAll();
                throw malformed;
            } catch (RuntimeException failed) {
                commits.abandon();
                throw failed;
            }
            flush();
            return commits.awaitAll();
        }

        private void add(CSVRecord row, long line) {
            read++;
            lastLine = line;
            try {
                records.add(new SourceRecord(mapper.map(row), file.name(), line, () -> rawText(row)));
            } catch (BadValueException bad) {
                refused.add(new DeadLetter(null, runId, SOURCE, file.entity().fileName(), file.name(), line,
                        "line " + line + ": " + bad.getMessage(), rawText(row), OffsetDateTime.now()));
            }
            if (records.size() + refused.size() >= batchSize) {
                flush();
            }
        }

        /**
         * Hands the batch to a committer. Up to {@code committers} batches are written at once, on
         * their own connections, but each commits only after the one before it, so what is
         * committed is always the beginning of the file, up to the cursor it carries. A batch
         * sharing a record id with a batch in flight waits for it (a file may repeat a record).
         */
        private void flush() {
            if (read == 0) {
                return;
            }
            Batch batch = new Batch(runId, SOURCE, file.entity(), read, List.copyOf(records), List.copyOf(refused),
                    file.name(), file.fingerprint() + ":" + lastLine);
            records.clear();
            refused.clear();
            read = 0;
            commits.submit(OrderedCommits.idsOf(List.of(batch)), previous -> writer.commit(batch, previous));
        }
    }
}
