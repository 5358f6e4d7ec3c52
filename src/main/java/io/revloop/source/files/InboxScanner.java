package io.revloop.source.files;

import io.revloop.model.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists the CSV files at the top of the inbox in import order — parents before children, so a
 * drop's files may arrive in any order — and leaves out files still being written (modified less
 * than the settle time ago). Only the top level is read: the archive and rejected folders, like any
 * folder, are never looked into. Symbolic links are listed as such, at once (nothing is copied
 * through a link, and it is never followed: the import refuses it); directories, pipes and devices
 * are left out.
 *
 * <p>A file belongs to an entity when its name is {@code <entity>.csv}, or starts with
 * {@code <entity>-} or {@code <entity>_} (e.g. {@code leads-2026-11.csv}).
 */
class InboxScanner {

    /** How many files still being written a run names, each by at most 100 characters; the rest are counted. */
    static final int WAITING_NAMED = 20;

    private final Path inbox;
    private final Duration settleTime;
    private final Clock clock;

    InboxScanner(Path inbox, Duration settleTime, Clock clock) {
        this.inbox = inbox;
        this.settleTime = settleTime;
        this.clock = clock;
    }

    List<InboxFile> settledFiles() {
        long settledBefore = clock.millis() - settleTime.toMillis();
        return list().stream()
                .filter(f -> f.symbolicLink() || f.modifiedMillis() <= settledBefore)
                .sorted(Comparator.comparingInt((InboxFile f) -> f.entity() == null ? -1 : f.entity().ordinal())
                        .thenComparing(InboxFile::name))
                .toList();
    }

    /**
     * The files a run now leaves for a later one because they changed less than the settle time ago,
     * e.g. {@code leads.csv (changed 1 s ago)}; at most {@value #WAITING_NAMED} by name.
     */
    List<String> filesBeingWritten() {
        long now = clock.millis();
        List<InboxFile> changing = list().stream()
                .filter(f -> !f.symbolicLink() && f.modifiedMillis() > now - settleTime.toMillis())
                .sorted(Comparator.comparing(InboxFile::name))
                .toList();
        List<String> waiting = new ArrayList<>();
        for (InboxFile file : changing.subList(0, Math.min(WAITING_NAMED, changing.size()))) {
            String name = file.name().length() <= 100 ? file.name() : file.name().substring(0, 97) + "...";
            waiting.add(name + " (" + age(now - file.modifiedMillis()) + ")");
        }
        if (changing.size() > WAITING_NAMED) {
            waiting.add("and " + (changing.size() - WAITING_NAMED) + " more");
        }
        return waiting;
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

    private static String age(long millis) {
        if (millis < 0) {
            return "modified " + Duration.ofMillis(-millis).toSeconds() + " s in the future by its time stamp;"
                    + " it is imported once that time has passed";
        }
        return "changed " + (millis < 1000 ? "less than 1 s" : Duration.ofMillis(millis).toSeconds() + " s") + " ago";
    }

    private List<InboxFile> list() {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(inbox)) {
            return entries
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .map(InboxScanner::describe)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the inbox " + inbox, e);
        }
    }

    /** The file or link at {@code path}; empty for anything else, or when it is gone already. */
    private static Optional<InboxFile> describe(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() && !attributes.isSymbolicLink()) {
                return Optional.empty();
            }
            return Optional.of(new InboxFile(path, entityOf(path.getFileName().toString()), attributes.size(),
                    attributes.lastModifiedTime().toMillis(), attributes.isSymbolicLink()));
        } catch (NoSuchFileException moved) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }
}
