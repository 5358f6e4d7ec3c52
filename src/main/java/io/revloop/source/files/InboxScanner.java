package io.revloop.source.files;

import io.revloop.model.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Lists the CSV files at the top of the inbox in import order — parents before children, so a
 * drop's files may arrive in any order — and leaves out files still being written (modified less
 * than the settle time ago).
 *
 * <p>A file belongs to an entity when its name is {@code <entity>.csv}, or starts with
 * {@code <entity>-} or {@code <entity>_} (e.g. {@code leads-2026-11.csv}).
 */
class InboxScanner {

    private final Path inbox;
    private final Duration settleTime;
    private final Clock clock;

    InboxScanner(Path inbox, Duration settleTime, Clock clock) {
        this.inbox = inbox;
        this.settleTime = settleTime;
        this.clock = clock;
    }

    List<InboxFile> settledFiles() {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        long settledBefore = clock.millis() - settleTime.toMillis();
        try (Stream<Path> entries = Files.list(inbox)) {
            return entries
                    .filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .map(InboxScanner::describe)
                    .filter(f -> f.modifiedMillis() <= settledBefore)
                    .sorted(Comparator.comparingInt((InboxFile f) -> f.entity() == null ? -1 : f.entity().ordinal())
                            .thenComparing(InboxFile::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the inbox " + inbox, e);
        }
    }

    static Entity entityOf(String fileName) {
        String base = fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.csv$", "");
        Entity match = null;
        for (Entity entity : Entity.values()) {
            String name = entity.fileName();
            boolean matches = base.equals(name) || base.startsWith(name + "-") || base.startsWith(name + "_");
            if (matches && (match == null || name.length() > match.fileName().length())) {
                match = entity;
            }
        }
        return match;
    }

    private static InboxFile describe(Path path) {
        try {
            return new InboxFile(path, entityOf(path.getFileName().toString()), Files.size(path),
                    Files.getLastModifiedTime(path).toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }
}
