package io.revloop.source.files;

import io.revloop.model.Entity;
import java.nio.file.Path;

/**
 * A CSV file found in the inbox, with the entity its name announces (null if the name is not one
 * of the import format's) and a fingerprint that changes when the file is replaced or edited.
 */
record InboxFile(Path path, Entity entity, long size, long modifiedMillis) {

    String name() {
        return path.getFileName().toString();
    }

    String fingerprint() {
        return size + "-" + modifiedMillis;
    }
}
