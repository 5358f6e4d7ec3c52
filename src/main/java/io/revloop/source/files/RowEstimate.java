package io.revloop.source.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data rows of an import file (its lines after the header), for a run's progress: counted in a
 * file of up to {@link #COUNT_LIMIT} bytes, estimated beyond from the lines of its first
 * {@link #SAMPLE} bytes, so a gigabyte file costs one megabyte of reading. A value with a line
 * break in quotes counts as two lines: the figure is what a progress bar needs, not a record count.
 */
final class RowEstimate {

    static final long COUNT_LIMIT = 16L * 1024 * 1024;
    static final long SAMPLE = 1024L * 1024;

    private RowEstimate() {
    }

    static long rows(Path file, long size) throws IOException {
        long limit = size <= COUNT_LIMIT ? size : SAMPLE;
        long lines = 0;
        long read = 0;
        byte last = '\n';
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (read < limit) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), limit - read));
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) == '\n') {
                        lines++;
                    }
                }
                last = buffer.get(n - 1);
                read += n;
            }
        }
        if (read < size) {
            return Math.max(0, Math.round((double) lines * size / read) - 1);
        }
        long withLastLine = last == '\n' ? lines : lines + 1;
        return Math.max(0, withLastLine - 1);
    }
}
