package io.revloop.source.files;

/** A whole file that cannot be imported (unknown name, broken header, unreadable CSV). */
class FileRejectedException extends Exception {

    private final long line;

    FileRejectedException(long line, String reason) {
        super(reason);
        this.line = line;
    }

    long line() {
        return line;
    }
}
