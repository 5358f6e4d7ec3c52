package io.revloop.operations;

import io.revloop.store.SyncRunRepository;
import io.revloop.sync.SyncRunView;
import io.revloop.sync.SyncRunner;
import io.revloop.sync.SyncSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The state of every source the hub knows, from its runs and its schedule: what the API, the health
 * component {@code sources} and the stale-source alert read. A source is up to date as of its last
 * succeeded run, or the last scheduled check that found nothing to do (an empty inbox); before
 * either, as of the hub's start.
 */
@Service
public class SourceStates {

    private final SyncRunner runner;
    private final SyncRunRepository runs;
    private final OperationsAlertProperties settings;
    private final Clock clock;
    private final Instant hubStartedAt;

    public SourceStates(SyncRunner runner, SyncRunRepository runs, OperationsAlertProperties settings, Clock clock) {
        this.runner = runner;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
        this.hubStartedAt = clock.instant();
        settings.staleAfter().keySet().forEach(source -> {
            try {
                SyncRunner.requireKnown(source);
            } catch (SyncRunner.UnknownSourceException e) {
                throw new IllegalArgumentException("revloop.alerts.operations.stale-after." + source + ": "
                        + e.getMessage(), e);
            }
        });
    }

    public List<SourceState> all() {
        return SyncRunner.KNOWN.stream().map(this::of).toList();
    }

    public SourceState of(String name) {
        Instant now = clock.instant();
        Optional<SyncSource> source = runner.find(name);
        boolean enabled = source.map(s -> s.scheduling().enabled()).orElse(false);
        SyncRunRepository.LastRuns last = runs.lastRuns(name);
        Optional<SyncRunView> finished = last.finished();
        OffsetDateTime lastSuccessAt = last.succeeded().map(SyncRunView::finishedAt).orElse(null);
        Optional<CronSchedule> schedule = source.filter(s -> enabled)
                .map(s -> CronSchedule.of(s.scheduling().schedule()));
        OffsetDateTime nextRunAt = schedule.flatMap(s -> s.nextAfter(now)).map(SourceStates::utc).orElse(null);

        String status;
        String error = null;
        Optional<Duration> staleAfter = schedule.flatMap(s -> staleAfter(name, s, now));
        Instant upToDate = upToDateAt(name, lastSuccessAt);
        if (!enabled) {
            status = SourceState.DISABLED;
        } else if (finished.isPresent() && SyncRunRepository.FAILED.equals(finished.get().status())) {
            status = SourceState.FAILING;
            error = finished.get().error();
        } else if (staleAfter.isPresent() && Duration.between(upToDate, now).compareTo(staleAfter.get()) > 0) {
            status = SourceState.STALE;
            error = (upToDate.equals(hubStartedAt) ? "no successful sync since the hub started at "
                    : "no successful sync since ") + utc(upToDate) + " (stale after " + format(staleAfter.get()) + ")";
        } else {
            status = finished.isEmpty() ? SourceState.NEVER : SourceState.OK;
        }
        Optional<SyncRunView> latest = last.latest();
        return new SourceState(name, enabled, status, latest.map(SyncRunView::id).orElse(null), lastSuccessAt,
                latest.map(SyncRunView::status).orElse(null), nextRunAt, error);
    }

    /** The source's own limit, else the configured number of its schedule's intervals; none for a one-off cron. */
    private Optional<Duration> staleAfter(String name, CronSchedule schedule, Instant now) {
        Duration own = settings.staleAfter().get(name);
        return own != null ? Optional.of(own)
                : schedule.interval(now).map(interval -> interval.multipliedBy(settings.staleAfterIntervals()));
    }

    private Instant upToDateAt(String name, OffsetDateTime lastSuccessAt) {
        Instant upToDate = lastSuccessAt == null ? hubStartedAt : lastSuccessAt.toInstant();
        Optional<Instant> checked = runner.upToDateAt(name).map(OffsetDateTime::toInstant);
        return checked.filter(at -> at.isAfter(upToDate)).orElse(upToDate);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
