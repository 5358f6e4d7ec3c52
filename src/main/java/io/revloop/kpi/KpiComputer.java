package io.revloop.kpi;

import io.revloop.RevloopProperties;
import io.revloop.kpi.attribution.AttributionModel;
import io.revloop.kpi.facts.DuePipeline;
import io.revloop.kpi.facts.FactQueries;
import io.revloop.kpi.facts.FactTable;
import io.revloop.kpi.facts.KpiSql;
import io.revloop.kpi.facts.Measure;
import io.revloop.kpi.facts.PeriodStatistics;
import io.revloop.kpi.facts.ResponseTimeMedians;
import io.revloop.kpi.facts.Retention;
import io.revloop.kpi.facts.RetentionQueries;
import io.revloop.kpi.fx.DailyFxRates;
import io.revloop.store.SqlDialect;
import io.revloop.sync.HeapWatch;
import io.revloop.sync.SyncFinished;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StopWatch;

/**
 * Computes the catalogue into {@code kpi_values}: everything on demand, and after each sync the
 * periods from the first day the run's records count on to the end of the data — not only up to
 * the last such day, as later periods depend on earlier ones (open pipeline carries over, LVR
 * compares with the month before). One compute at a time; each commits as a
 * whole, so readers see the previous values until the new ones are all there.
 *
 * <p>The daily facts of the last compute stay in memory (days × dimension values, not records): a
 * recompute after a sync counts in the database only the days from the first changed one on and
 * takes the earlier days from there. Its MRR movements are kept too, and taken again when the run
 * wrote no MRR row and no FX rate; the daily FX table is rebuilt only when the run wrote a rate or a
 * money row (whose currency or day could widen it). After a restart the first compute counts every day again; the
 * stored values, not this copy, are the state. The copy is dropped when the run history no longer
 * starts where it did (runs deleted: the store was emptied or reset). A change made to the store by
 * hand, outside a run, is counted by {@code POST /api/kpis/compute}.
 */
@Service
public class KpiComputer {

    private static final Logger log = LoggerFactory.getLogger(KpiComputer.class);

    private final KpiCatalog catalog;
    private final DailyFxRates fxRates;
    private final FactQueries facts;
    private final RetentionQueries retention;
    private final ResponseTimeMedians medians;
    private final DuePipeline duePipeline;
    private final KpiValueStore values;
    private final ChangedDays changedDays;
    private final PlannerStatistics statistics;
    private final AttributedRevenueFacts attributed;
    private final TimeToValueFacts timeToValue;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final java.time.ZoneId zone;
    private final java.time.Clock clock;
    private final DataCoverageStore coverageStore;
    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    /** What the last committed compute read, or null before the first one. */
    private LastCompute lastCompute;

    public KpiComputer(KpiCatalog catalog, DailyFxRates fxRates, JdbcTemplate jdbc, SqlDialect dialect,
                       RevloopProperties properties, KpiValueStore values, ChangedDays changedDays,
                       TransactionTemplate transactions, PlannerStatistics statistics,
                       AttributedRevenueFacts attributed, TimeToValueFacts timeToValue,
                       ApplicationEventPublisher events, java.time.Clock clock, DataCoverageStore coverageStore) {
        this.events = events;
        this.clock = clock;
        this.coverageStore = coverageStore;
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.timeToValue = timeToValue;
        this.attributed = attributed;
        this.statistics = statistics;
        this.catalog = catalog;
        this.fxRates = fxRates;
        KpiSql sql = new KpiSql(dialect, new LocalDays(properties.timeZone()));
        this.facts = new FactQueries(jdbc, sql);
        this.medians = new ResponseTimeMedians(jdbc, sql);
        this.duePipeline = new DuePipeline(jdbc, sql, properties.timeZone());
        this.retention = new RetentionQueries(jdbc);
        this.values = values;
        this.changedDays = changedDays;
        this.transactions = transactions;
        this.zone = properties.timeZone();
    }

    /** What a compute did; {@code from} is the first day it covered (null: all). */
    public record Summary(long written, long superseded, long millis, LocalDate from, OffsetDateTime computedAt) {
    }

    /**
     * Rebuilds the daily FX rates on their own, for readers that convert money outside a compute
     * (attribution); serialized with computes, which rebuild the same table in their transaction.
     */
    public synchronized void refreshFxRates() {
        fxRates.rebuild();
    }

    /** The KPIs that take another attribution model on request: computed on the fly, not stored. */
    public static final Set<String> MODEL_KPIS = Set.of("marketing_attributed_revenue", "roas",
            "romi", "channel_roi", "channel_cac");
    private static final Set<Measure> MODEL_MEASURES = EnumSet.of(Measure.AD_SPEND,
            Measure.NON_AD_MARKETING_COST);

    /**
     * Values of one of {@link #MODEL_KPIS} under an attribution model other than the configured one,
     * for the periods from {@code from} on (null: all): computed now from spend, cost and the credits.
     */
    @Transactional(readOnly = true)
    public List<KpiValue> computeWithModel(KpiDefinition kpi, AttributionModel model,
                                           Grain grain, Dimension dimension, LocalDate from) {
        LocalDate loadFrom = from == null ? null : loadFrom(from);
        FactTable table = facts.load(loadFrom, MODEL_MEASURES);
        attributed.addTo(table, model, loadFrom);
        List<KpiValue> values = new ArrayList<>();
        new KpiEvaluator(List.of(kpi), today(), coverageStore.load()).evaluate(table, Map.of(), new PeriodStatistics(),
                grain, dimension, from == null ? null : grain.start(from), values::add);
        return values;
    }

    public synchronized Summary computeAll() {
        return compute(null, System.nanoTime());
    }

    /** Recomputes the periods a run's records count on; empty when the run changed nothing KPIs read. */
    public synchronized Optional<Summary> computeChangedBy(long runId) {
        long started = System.nanoTime();
        Optional<ChangedDays.Changes> changed = changedDays.of(runId);
        log.debug("changed days of run {} found in {} ms: {}", runId,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), changed.orElse(null));
        return changed.map(changes -> compute(changes, started));
    }

    /**
     * Judges again the periods that were not complete at the last compute — a day has ended since, so
     * the period holding it may be over — and recomputes them; called at the start of each day by the
     * route {@code kpi-refresh}, so complete flags and alerts follow the calendar also without syncs.
     */
    public synchronized Summary refreshPeriodsInProgress() {
        Summary summary = compute(new ChangedDays.Changes(today(), Set.of()), System.nanoTime());
        log.info("KPIs of the periods in progress recomputed from {} on: {} values written, {} restated",
                summary.from(), summary.written(), summary.superseded());
        return summary;
    }

    /** Today in {@code revloop.time-zone}, by the hub's clock. */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    @EventListener
    @Order(100)
    public void afterSync(SyncFinished run) {
        computeChangedBy(run.runId()).ifPresent(summary -> log.info(
                "KPIs recomputed after {} run {} from {} on: {} values written, {} restated or removed in {} ms"
                        + " (peak heap after GC {} MB of {} MB)", run.source(), run.runId(), summary.from(),
                summary.written(), summary.superseded(), summary.millis(), HeapWatch.peakAfterGcMegabytes(),
                HeapWatch.maxHeapMegabytes()));
    }

    /**
     * {@code changes}: what the run changed (null: everything is counted anew); {@code started}: when
     * the work began (finding the changes included), for the summary's duration.
     */
    private Summary compute(ChangedDays.Changes changes, long started) {
        LocalDate firstDay = changes == null ? null : changes.firstDay();
        HeapWatch.reset();
        // to the microsecond, as stored: the values of this compute are those with this computed_at
        OffsetDateTime computedAt = OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        StopWatch phases = new StopWatch("KPI compute");
        phases.start("planner statistics");
        statistics.refreshIfStale(PlannerStatistics.KPI_TABLES);
        phases.stop();
        Computed computed = transactions.execute(tx -> {
            if (dialect == SqlDialect.POSTGRESQL) {
                // compiling each large statement took PostgreSQL about a second, more than it then saved
                jdbc.execute("SET LOCAL jit = off");
            }
            // what the last compute counted still holds for what this run did not change
            RunHistory history = runHistory();
            LastCompute last = changes != null && lastCompute != null && lastCompute.history().continuedBy(history)
                    ? lastCompute : null;
            phases.start("FX rates");
            if (last == null || changes.touchedAny(MONEY_TABLES)) {
                fxRates.rebuild();
            }
            phases.stop();
            phases.start("daily facts");
            // the days from here on are counted anew; the earlier ones come from the last compute
            LocalDate countFrom = last != null && last.facts().firstDay() != null
                    && firstDay.isAfter(last.facts().firstDay()) ? firstDay : null;
            FactTable table = countFrom == null ? new FactTable() : last.facts().before(countFrom, WHOLE_HISTORY);
            facts.addTo(table, countFrom, EnumSet.allOf(Measure.class));
            phases.stop();
            phases.start("attribution and time to value");
            attributed.addTo(table, attributed.defaultModel(), countFrom);
            timeToValue.addTo(table);
            phases.stop();
            Map<Grain, LocalDate> from = periodsFrom(firstDay);
            phases.start("medians and due pipeline");
            PeriodStatistics periodStatistics = new PeriodStatistics();
            medians.load(earliest(from.values()), periodStatistics);
            duePipeline.load(periodStatistics);
            phases.stop();
            phases.start("MRR movements");
            Map<Grain, NavigableMap<LocalDate, Retention>> movements = last != null
                    && !changes.touchedAny(MRR_TABLES) ? last.movements() : retention.load();
            phases.stop();
            phases.start("formulas and writes");
            DataCoverage coverage = DataCoverage.of(table, movements.get(Grain.MONTH));
            coverageStore.save(coverage);
            KpiEvaluator evaluator = new KpiEvaluator(catalog.all(), today(), coverage);
            KpiValueStore.Written total = new KpiValueStore.Written(0, 0);
            for (Grain grain : Grain.values()) {
                for (Dimension dimension : KpiEvaluator.dimensionsWithOverall()) {
                    List<KpiValue> periodValues = new ArrayList<>();
                    evaluator.evaluate(table, movements, periodStatistics, grain, dimension, from.get(grain),
                            periodValues::add);
                    total = total.plus(values.replace(grain, dimension, from.get(grain), periodValues, computedAt));
                }
            }
            phases.stop();
            return new Computed(total, new LastCompute(table, movements, history), earliest(from.values()));
        });
        lastCompute = computed.last();
        KpiValueStore.Written written = computed.written();
        log.debug("{}", phases.prettyPrint());
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Summary summary = new Summary(written.inserted(), written.superseded(), millis, computed.from(), computedAt);
        events.publishEvent(new KpisComputed(summary));
        return summary;
    }

    /** Time to value is read whole each time: an account's milestone may change without a run touching a day. */
    private static final Set<Measure> WHOLE_HISTORY = EnumSet.of(Measure.VALUE_DAYS_SUM, Measure.VALUE_MILESTONES);

    /**
     * The tables the daily FX rates are built from (rates, and the currencies and days of the money
     * rows): a run that wrote none of them leaves the table as the last compute built it.
     */
    private static final Set<String> MONEY_TABLES = Set.of("fx_rates", "deals", "ad_spend", "costs", "mrr", "quotas");
    /** What the MRR movements are read from: MRR rows, converted at the daily FX rates. */
    private static final Set<String> MRR_TABLES = Set.of("mrr", "fx_rates");

    private record Computed(KpiValueStore.Written written, LastCompute last, LocalDate from) {
    }

    /**
     * Per grain, the first period a compute writes (no entry: all): the one holding {@code firstDay}
     * (null: all), or the first one stored as not complete if that is earlier — it may be complete now.
     */
    private Map<Grain, LocalDate> periodsFrom(LocalDate firstDay) {
        Map<Grain, LocalDate> from = new java.util.EnumMap<>(Grain.class);
        if (firstDay == null) {
            return from;
        }
        Map<Grain, LocalDate> incomplete = values.firstIncompletePeriods();
        for (Grain grain : Grain.values()) {
            from.put(grain, earliest(List.of(grain.start(firstDay), incomplete.getOrDefault(grain, firstDay))));
        }
        return from;
    }

    /** The earliest of some days; null when there are none (all periods). */
    private static LocalDate earliest(java.util.Collection<LocalDate> days) {
        return days.stream().min(LocalDate::compareTo).orElse(null);
    }

    /** What the last compute read: its daily facts and MRR movements, and the run history they hold for. */
    private record LastCompute(FactTable facts, Map<Grain, NavigableMap<LocalDate, Retention>> movements,
                               RunHistory history) {
    }

    /** The first sync run on record and how many there are: a later history holds the same first run and no fewer. */
    private record RunHistory(Long firstRun, long runs) {
        boolean continuedBy(RunHistory later) {
            return java.util.Objects.equals(firstRun, later.firstRun) && later.runs >= runs;
        }
    }

    private RunHistory runHistory() {
        return jdbc.queryForObject("SELECT MIN(id), COUNT(*) FROM sync_runs",
                (rs, i) -> new RunHistory(rs.getObject(1) == null ? null : rs.getLong(1), rs.getLong(2)));
    }

    /** Far enough back for the periods holding {@code day} and the ones before them (LVR, saturation). */
    private static LocalDate loadFrom(LocalDate day) {
        return Grain.QUARTER.previous(Grain.QUARTER.start(day));
    }
}
