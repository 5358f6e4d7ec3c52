package io.revloop.source.files;

import io.revloop.RevloopProperties;
import io.revloop.source.check.ConnectionCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/** The file inbox: the directory exists and the hub may read it (to import) and write it (to archive). */
@Component
class InboxConnectionCheck implements ConnectionCheck {

    private static final String SETTING = "revloop.sources.files.inbox";

    private final RevloopProperties.Files config;

    InboxConnectionCheck(RevloopProperties properties) {
        this.config = properties.sources().files();
    }

    @Override
    public String source() {
        return CsvFileImporter.SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public List<String> notReady() {
        return List.of();
    }

    @Override
    public String run() {
        Path inbox = config.inbox().toAbsolutePath().normalize();
        if (!Files.exists(inbox)) {
            throw new IllegalStateException("the inbox " + inbox + " does not exist: create it or set " + SETTING);
        }
        if (!Files.isDirectory(inbox)) {
            throw new IllegalStateException("the inbox " + inbox + " is not a directory: check " + SETTING);
        }
        String missing = !Files.isReadable(inbox) ? "read" : !Files.isWritable(inbox) ? "write" : null;
        if (missing != null) {
            throw new IllegalStateException("the hub may not " + missing + " the inbox " + inbox + " (it reads files"
                    + " there and moves them to the archive): give its user access, or set " + SETTING);
        }
        return "ready: the inbox " + inbox + " exists and the hub may read and write it";
    }

    @Override
    public String explain(Exception failure) {
        return failure.getMessage();
    }
}
