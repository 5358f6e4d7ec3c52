package io.revloop.source.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.PrivateFiles;
import io.revloop.RevloopProperties;
import io.revloop.model.Entity;
import io.revloop.model.SpreadsheetForms;
import io.revloop.model.ValueParser;
import io.revloop.store.DeadLetter;
import io.revloop.store.DeadLetterRepository;
import io.revloop.store.SqlDialect;
import io.revloop.store.SyncRunRepository;
import io.revloop.store.SyncStateRepository;
import io.revloop.sync.BatchWriter;
import io.revloop.sync.OrderedCommits;
import io.revloop.sync.RunCounts;
import io.revloop.sync.SourceSchedule;
import io.revloop.sync.SyncSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The file inbox: imports every settled CSV file of the inbox in dependency order, then archives
 * it under {@code archive/run-<id>/}. A file that is not CSV of the import format (unknown name,
 * broken header, malformed CSV) or is a symbolic link is rejected: left in place, dead-lettered with
 * the reason, and named in the run's error; an unchanged rejected file is not retried by the
 * schedule, only by a run started by hand. A file that cannot be read at all — a field or record
 * over its maximum, undecodable bytes, an I/O error, the importer running out of memory — is put
 * aside into {@code rejected/run-<id>/} with the reason, so it cannot block the inbox. Either way
 * the other files of the run are imported.
 */
@Component
public class InboxSource implements SyncSource {

    private static final Logger log = LoggerFactory.getLogger(InboxSource.class);

    private final RevloopProperties.Files config;
    private final InboxScanner scanner;
    private final CsvFileImporter importer;
    private final DeadLetterRepository deadLetters;
    private final SyncRunRepository runs;
    private final Map<String, String> rejectedFingerprints = new ConcurrentHashMap<>();

    public InboxSource(RevloopProperties properties, BatchWriter writer, SyncStateRepository syncState,
                       DeadLetterRepository deadLetters, SyncRunRepository runs, ObjectMapper json,
                       SqlDialect dialect) {
        this.config = properties.sources().files();
        this.scanner = new InboxScanner(config.inbox(), config.settleTime(), Clock.systemUTC());
        ValueParser parser = new ValueParser(properties.timeZone(), properties.baseCurrency(),
                new SpreadsheetForms(config.dateOrder(), config.numberFormat()));
        this.importer = new CsvFileImporter(writer, syncState, parser, json, config,
                OrderedCommits.writersFor(dialect));
        this.deadLetters = deadLetters;
        this.runs = runs;
    }

    @Override
    public String name() {
        return CsvFileImporter.SOURCE;
    }

    @Override
    public SourceSchedule scheduling() {
        return config;
    }

    @Override
    public boolean hasPendingWork() {
        return scanner.settledFiles().stream()
                .anyMatch(f -> !f.fingerprint().equals(rejectedFingerprints.get(f.name())));
    }

    @Override
    public List<String> waiting() {
        return scanner.filesBeingWritten();
    }

    @Override
    public List<String> sync(long runId) throws IOException {
        List<String> problems = new ArrayList<>();
        List<InboxFile> files = scanner.settledFiles();
        runs.expectRecords(runId, expectedRows(files));
        for (InboxFile file : files) {
            RunCounts counts;
            try {
                counts = importFile(runId, file);
            } catch (FileRejectedException rejected) {
                problems.add(reject(runId, file, rejected));
                continue;
            } catch (IOException | Error unreadable) {
                problems.add(putAside(runId, file, unreadable));
                continue;
            }
            archive(runId, file, counts);
        }
        return problems;
    }

    /** The rows the run will read, for its progress; a file that cannot be read counts none (its import says why). */
    private long expectedRows(List<InboxFile> files) {
        long rows = 0;
        for (InboxFile file : files) {
            try {
                rows += file.entity() == null || file.symbolicLink() ? 0 : importer.expectedRows(file);
            } catch (IOException unreadable) {
                log.debug("files: cannot estimate the rows of {}: {}", file.name(), unreadable.getMessage());
            }
        }
        return rows;
    }

    private RunCounts importFile(long runId, InboxFile file) throws FileRejectedException, IOException {
        if (file.symbolicLink()) {
            throw new FileRejectedException(0, "is a symbolic link, which the inbox never follows; move or copy"
                    + " the file itself into the inbox");
        }
        if (file.entity() == null) {
            throw new FileRejectedException(0, "unknown file name; expected one of "
                    + Arrays.stream(Entity.values()).map(e -> e.fileName() + ".csv").toList());
        }
        return importer.importFile(runId, file);
    }

    /** An imported file moves to the archive; failing that, the run fails (the file was read, not broken). */
    private void archive(long runId, InboxFile file, RunCounts counts) throws IOException {
        Path archived = moveInto(config.archive(), runId, file);
        importer.forget(file);
        rejectedFingerprints.remove(file.name());
        log.info("files run {}: imported {} into {} ({} records read, {} upserted, {} deleted, {} dead-lettered)",
                runId, file.name(), archived, counts.recordsRead(), counts.upserted(), counts.deleted(),
                counts.deadLettered());
    }

    /** A file that is not importable CSV stays where it is until it changes. */
    private String reject(long runId, InboxFile file, FileRejectedException rejected) {
        String problem = file.name() + ": " + rejected.getMessage();
        log.warn("files run {}: rejected {}; the file stays in the inbox", runId, problem);
        rejectedFingerprints.put(file.name(), file.fingerprint());
        deadLetter(runId, file, rejected.line(), "file rejected: " + rejected.getMessage());
        return problem;
    }

    /** A file that cannot be read is moved out of the way, so the runs after this one do not trip over it again. */
    private String putAside(long runId, InboxFile file, Throwable unreadable) {
        String reason = unreadable instanceof UnreadableFileException ? unreadable.getMessage()
                : unreadable.getClass().getSimpleName() + ": " + unreadable.getMessage();
        String where;
        try {
            where = "moved to " + moveInto(config.rejected(), runId, file);
            importer.forget(file);
        } catch (IOException cannotMove) {
            where = "left in the inbox, it could not be moved to " + config.rejected() + " (" + cannotMove + ")";
            rejectedFingerprints.put(file.name(), file.fingerprint());
        }
        String problem = file.name() + ": cannot be read, " + where + ": " + reason;
        log.error("files run {}: {}", runId, problem, unreadable);
        deadLetter(runId, file, 0, "file put aside: " + reason);
        return problem;
    }

    private void deadLetter(long runId, InboxFile file, long line, String reason) {
        deadLetters.insert(List.of(new DeadLetter(null, runId, name(),
                file.entity() == null ? null : file.entity().fileName(), file.name(), line > 0 ? line : null, reason,
                null, OffsetDateTime.now())));
        runs.addCounts(runId, new RunCounts(0, 0, 0, 1));
    }

    /** Moves the file into {@code <folder>/run-<id>/}, created owner-only; returns where it is now. */
    private static Path moveInto(Path folder, long runId, InboxFile file) throws IOException {
        Path runFolder = PrivateFiles.createDirectories(folder.resolve("run-" + runId));
        return Files.move(file.path(), runFolder.resolve(file.name()));
    }
}
