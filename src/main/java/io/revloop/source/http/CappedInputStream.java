package io.revloop.source.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code cap} bytes through since it was made or last {@link #restart() restarted},
 * and fails the read that would pass more with an {@link AnswerTooLargeException} naming
 * {@code limit}. Restarting per document bounds each document of a stream (a parser reads ahead by
 * its buffer, a few KB, so a document is bounded to within that).
 */
public class CappedInputStream extends FilterInputStream {

    private final long cap;
    private final String limit;
    private long passed;

    /** {@code limit} says what was passed, for the message: "an answer larger than 64MB (revloop.http.max-…)". */
    public CappedInputStream(InputStream in, long cap, String limit) {
        super(in);
        this.cap = cap;
        this.limit = limit;
    }

    /** Starts counting anew, for the next document. */
    public void restart() {
        passed = 0;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Called once the cap is passed, before the read fails: e.g. to drop a connection instead of draining it. */
    protected void beforeFailing() {
    }

    private void count(long bytes) throws AnswerTooLargeException {
        passed += bytes;
        if (passed > cap) {
            beforeFailing();
            throw new AnswerTooLargeException(limit);
        }
    }
}
