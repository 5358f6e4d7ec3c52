package io.revloop.demo;

import io.revloop.PrivateFiles;
import io.revloop.RevloopProperties;
import io.revloop.store.SyncStateRepository;
import io.revloop.sync.SyncRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts the hub on demo data when no remote source is configured: writes the generated files
 * into the inbox, where the regular file import picks them up. Done once per database — the
 * store remembers it — so a restart neither regenerates nor duplicates anything.
 */
@Component
public class DemoLoader {

    static final List<String> REMOTE_SOURCES =
            List.of("salesforce", "hubspot", "ga4", "google-ads", "linkedin-ads", "meta-ads");
    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final String STATE_SOURCE = "demo";
    private static final String STATE_STREAM = "generated";

    private final RevloopProperties properties;
    private final Environment environment;
    private final SyncStateRepository syncState;
    private final SyncRunner runner;
    private final java.time.Clock clock;

    public DemoLoader(RevloopProperties properties, Environment environment, SyncStateRepository syncState,
                      SyncRunner runner, java.time.Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.environment = environment;
        this.syncState = syncState;
        this.runner = runner;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void loadOnFirstStart() {
        RevloopProperties.Demo demo = properties.demo();
        if (!demo.enabled()) {
            return;
        }
        List<String> configured = REMOTE_SOURCES.stream()
                .filter(s -> environment.getProperty("revloop.sources." + s + ".enabled", Boolean.class, false))
                .toList();
        if (!configured.isEmpty()) {
            log.info("Demo data off: sources {} are configured", configured);
            return;
        }
        var loaded = syncState.get(STATE_SOURCE, STATE_STREAM);
        if (loaded.isPresent()) {
            log.info("No source configured: the hub runs on the demo data loaded before ({})", loaded.get());
            return;
        }
        Thread loader = new Thread(() -> generateAndImport(demo), "demo-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void generateAndImport(RevloopProperties.Demo demo) {
        LocalDate endDate = demo.endDate() != null ? demo.endDate() : LocalDate.ofInstant(clock.instant(), properties.timeZone());
        String description = "seed " + demo.seed() + ", " + demo.leads() + " leads, year ending " + endDate;
        log.info("No source configured: starting on demo data ({}); set revloop.demo.enabled=false to turn it off",
                description);
        try {
            Path inbox = properties.sources().files().inbox();
            DemoSummary summary = writeIntoInbox(new DemoSettings(demo.seed(), demo.leads(), endDate,
                    properties.baseCurrency(), "USD"), inbox);
            syncState.put(STATE_SOURCE, STATE_STREAM, description);
            log.info("Demo data: {} records in {} files written to {}; importing them now", summary.totalRows(),
                    summary.rowsPerFile().size(), inbox.toAbsolutePath().normalize());
            Thread.sleep(properties.sources().files().settleTime().toMillis() + 100);
            runner.runNow("files");
        } catch (SyncRunner.AlreadyRunningException scheduledRunWasFaster) {
            log.info("Demo data: the scheduled file import is already importing it");
        } catch (IOException e) {
            log.error("Demo data could not be written: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Generates into a folder beside the inbox, then moves the files in, so no half-written file is imported. */
    private static DemoSummary writeIntoInbox(DemoSettings settings, Path inbox) throws IOException {
        PrivateFiles.createDirectories(inbox);
        Path staging = Files.createTempDirectory(inbox, ".demo-");
        try {
            DemoSummary summary = new DemoDataGenerator(settings).writeTo(staging);
            try (Stream<Path> files = Files.list(staging)) {
                for (Path file : files.toList()) {
                    Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return summary;
        } finally {
            Files.deleteIfExists(staging);
        }
    }
}
