package io.revloop.demo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prints batches of rows on one background thread, so that CSV formatting (character by character in Commons CSV)
 * overlaps with generating the data. One consumer and first-in-first-out batches keep every file's rows in the
 * order they were made: the output stays byte-identical. The queue is bounded, so memory stays small.
 */
final class RowPump implements AutoCloseable {

    /** A batch of rows for a sink, or the request to close it. */
    private record Task(CsvSink sink, String[][] rows, int count, boolean close) {
    }

    private static final Task STOP = new Task(null, null, 0, false);

    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(64);
    private final Thread thread;
    private volatile Throwable failure;
    private boolean closed;

    RowPump(String name) {
        thread = new Thread(this::drain, name);
        thread.setDaemon(true);
        thread.start();
    }

    void print(CsvSink sink, String[][] rows, int count) throws IOException {
        put(new Task(sink, rows, count, false));
    }

    void close(CsvSink sink) throws IOException {
        put(new Task(sink, null, 0, true));
    }

    /** Waits until every batch is printed and every file closed; rethrows what went wrong on the way. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            put(STOP);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing the demo data set");
            }
        }
        rethrow();
    }

    private void put(Task task) throws IOException {
        rethrow();
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the demo data set");
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        } else if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof Error err) {
            throw err;
        } else if (t != null) {
            throw new IOException(t);
        }
    }

    private void drain() {
        while (true) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                failure = e;
                return;
            }
            if (task == STOP) {
                return;
            }
            try {
                if (task.close()) {
                    task.sink().closeNow();
                } else if (failure == null) {
                    task.sink().printNow(task.rows(), task.count());
                }
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
            }
        }
    }
}
