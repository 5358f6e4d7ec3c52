package io.revloop.source.files;

import java.io.IOException;
import java.io.Reader;

/**
 * Hands the text of an import file to the CSV parser while holding every field and record to a
 * maximum length. Commons CSV has no such limit: behind an unclosed quote the rest of the file is
 * one field, which it collects in memory until the heap runs out. This reader follows the quoting
 * as the parser does (RFC 4180: a quote opens a field only at its start, a doubled quote inside a
 * quoted field is a quote) and throws a {@link UnreadableFileException} as soon as a field or a record
 * grows beyond its maximum, so what the parser holds stays bounded. Lengths count characters;
 * line breaks inside quotes count, the ones ending a record do not.
 */
final class BoundedCsvReader extends Reader {

    private static final char QUOTE = '"';

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final char delimiter;
    private final long maxField;
    private final long maxRecord;
    private State state = State.FIELD_START;
    private long field;
    private long record;
    private long line = 1;
    private long fieldLine = 1;
    private long recordLine = 1;
    private char previous;

    BoundedCsvReader(Reader in, char delimiter, long maxField, long maxRecord) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxField = maxField;
        this.maxRecord = maxRecord;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        for (int i = offset; i < offset + read; i++) {
            see(buffer[i]);
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void see(char c) throws UnreadableFileException {
        if (c == '\r' || (c == '\n' && previous != '\r')) {
            line++;
        }
        previous = c;
        if (state == State.QUOTED) {
            if (c == QUOTE) {
                state = State.QUOTE_IN_QUOTED;
            } else {
                grow();
            }
        } else if (state == State.QUOTE_IN_QUOTED && c == QUOTE) {
            state = State.QUOTED;
            grow();
        } else if (c == delimiter) {
            state = State.FIELD_START;
            field = 0;
            growRecord();
        } else if (c == '\n' || c == '\r') {
            state = State.FIELD_START;
            field = 0;
            record = 0;
            recordLine = line;
        } else {
            if (state == State.FIELD_START) {
                fieldLine = line;
                state = c == QUOTE ? State.QUOTED : State.UNQUOTED;
            }
            grow();
        }
    }

    private void grow() throws UnreadableFileException {
        if (++field > maxField) {
            throw new UnreadableFileException("the field starting on line " + fieldLine + " is longer than "
                    + maxField + " characters (revloop.sources.files.max-field-size)" + unclosedQuoteHint());
        }
        growRecord();
    }

    private void growRecord() throws UnreadableFileException {
        if (++record > maxRecord) {
            throw new UnreadableFileException("the record starting on line " + recordLine + " is longer than "
                    + maxRecord + " characters (revloop.sources.files.max-record-size)" + unclosedQuoteHint());
        }
    }

    private String unclosedQuoteHint() {
        return state == State.QUOTED ? "; it is inside a quoted field — is a closing quote missing?" : "";
    }
}
