package io.revloop.source.files;

import java.io.IOException;

/**
 * An import file the hub cannot read as CSV text: a field or record longer than its maximum, or
 * bytes its character set cannot decode. The message says which and where; the file is put aside.
 */
class UnreadableFileException extends IOException {

    UnreadableFileException(String message) {
        super(message);
    }

    UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
