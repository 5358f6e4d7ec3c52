package io.revloop.demo;

import io.revloop.PrivateFiles;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One CSV file of the import format being written: UTF-8, header row, {@code \n} line ends; counts data rows.
 *
 * <p>Rows are collected field by field and handed in batches to a {@link RowPump}, which prints them with Commons
 * CSV on its own thread. The printer appends to {@link ChunkedOut}: Commons CSV appends every unquoted value as
 * {@code append(value, 0, length)}, which a {@link StringBuilder} copies character by character and a
 * {@link java.io.BufferedWriter} turns into a locked write per call.
 */
final class CsvSink implements Closeable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
    private static final int BATCH = 512;

    private final String fileName;
    private final int width;
    private final RowPump pump;
    private final Writer writer;
    private final ChunkedOut out;
    private final CSVPrinter printer;
    private String[][] batch;
    private int batchRows;
    private int field;
    private long rows;
    private boolean closed;

    CsvSink(Path dir, String fileName, String header, RowPump pump) throws IOException {
        String[] columns = header.split(",");
        this.fileName = fileName;
        this.width = columns.length;
        this.pump = pump;
        this.writer = new OutputStreamWriter(PrivateFiles.newOutputStream(dir.resolve(fileName)),
                StandardCharsets.UTF_8);
        this.out = new ChunkedOut(writer);
        this.printer = new CSVPrinter(out, FORMAT.builder().setHeader(columns).get());
        this.batch = new String[BATCH][width];
    }

    String fileName() {
        return fileName;
    }

    long rows() {
        return rows;
    }

    /** Adds one field to the current row; {@code null} is written as an empty field (no value). */
    CsvSink f(String value) {
        batch[batchRows][field++] = value == null ? "" : value;
        return this;
    }

    CsvSink f(long value) {
        return f(Long.toString(value));
    }

    /** Ends the current row. */
    void end() throws IOException {
        if (field != width) {
            throw new IllegalStateException(fileName + ": row " + (rows + 1) + " has " + field + " fields, not " + width);
        }
        field = 0;
        rows++;
        if (++batchRows == BATCH) {
            pump.print(this, batch, batchRows);
            batch = new String[BATCH][width];
            batchRows = 0;
        }
    }

    /** Hands the last rows over and closes the file after them. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (batchRows > 0) {
            pump.print(this, batch, batchRows);
            batch = null;
            batchRows = 0;
        }
        pump.close(this);
    }

    // ---- on the pump's thread

    void printNow(String[][] rowsToPrint, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            for (String value : rowsToPrint[i]) {
                printer.print(value);
            }
            printer.println();
        }
    }

    void closeNow() throws IOException {
        try (Writer w = writer) {
            out.flush();
            w.flush();
        }
    }

    /** A plain character buffer in front of the file's writer, copying whole values at once. */
    private static final class ChunkedOut implements Appendable, Flushable {
        private final Writer writer;
        private final char[] buffer = new char[1 << 16];
        private int length;

        ChunkedOut(Writer writer) {
            this.writer = writer;
        }

        @Override
        public Appendable append(CharSequence csq) throws IOException {
            return append(csq, 0, csq.length());
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) throws IOException {
            int n = end - start;
            if (length + n > buffer.length) {
                flush();
            }
            if (n > buffer.length) {
                writer.append(csq, start, end);
            } else if (csq instanceof String string) {
                string.getChars(start, end, buffer, length);
                length += n;
            } else {
                for (int i = start; i < end; i++) {
                    buffer[length++] = csq.charAt(i);
                }
            }
            return this;
        }

        @Override
        public Appendable append(char c) throws IOException {
            if (length == buffer.length) {
                flush();
            }
            buffer[length++] = c;
            return this;
        }

        @Override
        public void flush() throws IOException {
            writer.write(buffer, 0, length);
            length = 0;
        }
    }
}
