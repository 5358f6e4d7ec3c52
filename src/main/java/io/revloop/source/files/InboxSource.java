package io.revloop.source.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
import io.revloop.model.Entity;
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
 * it under {@code archive/run-<id>/}. A file that cannot be imported (unknown name, broken header,
 * malformed CSV) is rejected: left in place, dead-lettered with the reason, and named in the run's
 * error. An unchanged rejected file is not retried by the schedule, only by a run started by hand.
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
        this.importer = new CsvFileImporter(writer, syncState,
                new ValueParser(properties.timeZone(), properties.baseCurrency()), json, config.batchSize(),
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
    public List<String> sync(long runId) throws IOException {
        List<String> problems = new ArrayList<>();
        List<InboxFile> files = scanner.settledFiles();
        runs.expectRecords(runId, expectedRows(files));
        for (InboxFile file : files) {
            try {
                if (file.entity() == null) {
                    throw new FileRejectedException(0, "unknown file name; expected one of "
                            + Arrays.stream(Entity.values()).map(e -> e.fileName() + ".csv").toList());
                }
                var counts = importer.importFile(runId, file);
                archive(runId, file);
                rejectedFingerprints.remove(file.name());
                log.info("files run {}: imported {} ({} records read, {} upserted, {} deleted, {} dead-lettered)",
                        runId, file.name(), counts.recordsRead(), counts.upserted(), counts.deleted(),
                        counts.deadLettered());
            } catch (FileRejectedException rejected) {
                String problem = file.name() + ": " + rejected.getMessage();
                log.warn("files run {}: rejected {}; the file stays in the inbox", runId, problem);
                problems.add(problem);
                rejectedFingerprints.put(file.name(), file.fingerprint());
                deadLetters.insert(List.of(new DeadLetter(null, runId, name(),
                        file.entity() == null ? null : file.entity().fileName(), file.name(),
                        rejected.line() > 0 ? rejected.line() : null, "file rejected: " + rejected.getMessage(),
                        null, OffsetDateTime.now())));
                runs.addCounts(runId, new RunCounts(0, 0, 0, 1));
            }
        }
        return problems;
    }

    /** The rows the run will read, for its progress; a file that cannot be read counts none (its import says why). */
    private long expectedRows(List<InboxFile> files) {
        long rows = 0;
        for (InboxFile file : files) {
            try {
                rows += file.entity() == null ? 0 : importer.expectedRows(file);
            } catch (IOException unreadable) {
                log.debug("files: cannot estimate the rows of {}: {}", file.name(), unreadable.getMessage());
            }
        }
        return rows;
    }

    private void archive(long runId, InboxFile file) throws IOException {
        Path folder = config.archive().resolve("run-" + runId);
        Files.createDirectories(folder);
        Files.move(file.path(), folder.resolve(file.name()));
        importer.forget(file);
    }
}
