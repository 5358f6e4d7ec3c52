package io.revloop.source.files;

import io.revloop.model.Entity;
import java.nio.file.Path;

/**
 * A CSV file found in the inbox, with the entity its name announces (null if the name is not one
 * of the import format's) and a fingerprint that changes when the file is replaced or edited. A
 * symbolic link is described by the link itself, never by what it points to: it is not followed.
 */
record InboxFile(Path path, Entity entity, long size, long modifiedMillis, boolean symbolicLink) {

    String name() {
        return path.getFileName().toString();
    }

    String fingerprint() {
        return size + "-" + modifiedMillis;
    }
}
