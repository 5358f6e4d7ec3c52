package io.revloop.source.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
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
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams one import file into the store in batches. Each batch commits together with the file's
 * cursor (its fingerprint and last committed line), so an import that dies half way resumes after
 * the last committed batch instead of starting over. Batches are written while the next ones are
 * parsed, by {@code committers} connections at once, and commit in file order. The file is read in
 * its character set ({@link FileEncoding}) with the delimiter of its header ({@link HeaderDelimiter}),
 * every field and record held to its maximum length ({@link BoundedCsvReader}).
 */
class CsvFileImporter {

    static final String SOURCE = "files";

    private final BatchWriter writer;
    private final SyncStateRepository syncState;
    private final ValueParser parser;
    private final ObjectMapper json;
    private final RevloopProperties.Files settings;
    private final int committers;
    private final ExecutorService committer;

    CsvFileImporter(BatchWriter writer, SyncStateRepository syncState, ValueParser parser, ObjectMapper json,
                    RevloopProperties.Files settings, int committers) {
        this.writer = writer;
        this.syncState = syncState;
        this.parser = parser;
        this.json = json;
        this.settings = settings;
        this.committers = committers;
        this.committer = Executors.newFixedThreadPool(committers, r -> {
            Thread thread = new Thread(r, "files-commit");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Imports the file from after its last committed line. A file that is not CSV the import can read
     * throws {@link FileRejectedException}; one that cannot be read at all — a field or record over
     * its maximum, bytes its character set cannot decode, any I/O error — throws an {@link IOException}
     * saying why. Either way the batches read before the failure are committed.
     */
    RunCounts importFile(long runId, InboxFile file) throws FileRejectedException, IOException {
        FileEncoding text = FileEncoding.open(file.path(), settings.fallbackEncoding());
        try (BufferedReader decoded = text.reader()) {
            char delimiter;
            try {
                delimiter = HeaderDelimiter.detect(decoded);
            } catch (CharacterCodingException undecodable) {
                throw undecodable(text.charset(), 0, undecodable);
            }
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
            Reader bounded = new BoundedCsvReader(decoded, delimiter, settings.maxFieldSize().toBytes(),
                    settings.maxRecordSize().toBytes());
            try (CSVParser csv = CSVParser.builder().setReader(bounded).setFormat(format).get()) {
                Import run = new Import(runId, file, format, text.charset());
                Iterator<CSVRecord> records = csv.iterator();
                if (!run.hasNext(records, 1)) {
                    throw new FileRejectedException(1, "the file is empty: the first line must be the header");
                }
                RowMapper mapper = new RowMapper(file.entity(), records.next().toList(), delimiter, parser, json);
                return run.rows(csv, records, mapper, committedLine(file));
            }
        }
    }

    /** The rows of the file this run will read: those after the header and after its committed cursor. */
    long expectedRows(InboxFile file) throws IOException {
        long committedRows = Math.max(0, committedLine(file) - 1);
        return Math.max(0, RowEstimate.rows(file.path(), file.size()) - committedRows);
    }

    /** Clears the file's cursor once it has left the inbox (archived or put aside). */
    void forget(InboxFile file) {
        syncState.delete(SOURCE, file.name());
    }

    private long committedLine(InboxFile file) {
        return syncState.get(SOURCE, file.name())
                .filter(cursor -> cursor.startsWith(file.fingerprint() + ":"))
                .map(cursor -> Long.parseLong(cursor.substring(cursor.indexOf(':') + 1)))
                .orElse(0L);
    }

    /**
     * Bytes the file's character set cannot decode, somewhere after the lines read so far: text is
     * decoded ahead of the parser, some thousand characters at a time.
     */
    private static UnreadableFileException undecodable(Charset charset, long linesRead, CharacterCodingException e) {
        return new UnreadableFileException("the file is not valid " + charset.name() + " text"
                + (linesRead > 0 ? " after line " + linesRead : "") + " (" + e + "); save it as UTF-8", e);
    }

    /** The state of one file's import: the batch being filled and the counts committed so far. */
    private final class Import {
        private final long runId;
        private final InboxFile file;
        private final CSVFormat format;
        private final Charset charset;
        private final List<SourceRecord> records = new ArrayList<>();
        private final List<DeadLetter> refused = new ArrayList<>();
        private long read;
        private long lastLine;
        private final OrderedCommits commits = new OrderedCommits(committer, committers);

        Import(long runId, InboxFile file, CSVFormat format, Charset charset) {
            this.runId = runId;
            this.file = file;
            this.format = format;
            this.charset = charset;
        }

        RunCounts rows(CSVParser csv, Iterator<CSVRecord> rows, RowMapper mapper, long resumeAfterLine)
                throws FileRejectedException, IOException {
            try {
                while (hasNext(rows, csv.getCurrentLineNumber())) {
                    CSVRecord row = rows.next();
                    long line = csv.getCurrentLineNumber();
                    if (line > resumeAfterLine) {
                        add(mapper, row, line);
                    }
                }
            } catch (FileRejectedException | IOException unreadable) {
                flush();
                commits.awaitAll();
                throw unreadable;
            } catch (RuntimeException | Error failed) {
                commits.abandon();
                throw failed;
            }
            flush();
            return commits.awaitAll();
        }

        /**
         * Whether another row follows. The parser's own complaints (malformed CSV) reject the file;
         * failures of the reading beneath it are thrown as they are, undecodable bytes with the
         * character set named.
         */
        boolean hasNext(Iterator<CSVRecord> rows, long line) throws FileRejectedException, IOException {
            try {
                return rows.hasNext();
            } catch (UncheckedIOException failed) {
                if (failed.getCause() instanceof CSVException malformed) {
                    throw new FileRejectedException(line, "malformed CSV after line " + line + ": "
                            + malformed.getMessage());
                }
                if (failed.getCause() instanceof CharacterCodingException undecodable) {
                    throw undecodable(charset, line, undecodable);
                }
                throw failed.getCause();
            }
        }

        private void add(RowMapper mapper, CSVRecord row, long line) {
            read++;
            lastLine = line;
            try {
                records.add(new SourceRecord(mapper.map(row), file.name(), line, () -> rawText(row)));
            } catch (BadValueException bad) {
                refused.add(new DeadLetter(null, runId, SOURCE, file.entity().fileName(), file.name(), line,
                        "line " + line + ": " + bad.getMessage(), rawText(row), OffsetDateTime.now()));
            }
            if (records.size() + refused.size() >= settings.batchSize()) {
                flush();
            }
        }

        private String rawText(CSVRecord row) {
            return format.format((Object[]) row.values());
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
