package io.revloop.alert;

import io.revloop.operations.OperationsAlertProperties;
import io.revloop.operations.SourceState;
import io.revloop.operations.SourceStates;
import io.revloop.store.SyncRunRepository;
import io.revloop.sync.SyncFinished;
import io.revloop.sync.SyncRunView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts on the hub's own operation, per source: a failed run ({@code sync-failed}), credentials
 * the source refused ({@code credentials-refused}), no success for longer than the source's stale
 * limit ({@code source-stale}), a succeeded run that dead-lettered more rows than
 * {@code dead-letter-threshold} ({@code dead-letters}). Each condition sends one message when it
 * starts and one when it ends — the next succeeded run (for dead letters: the next succeeded run
 * within the threshold) — through the same outbox and delivery as KPI alerts.
 */
@Component
public class OperationsAlerts {

    static final String SYNC_FAILED = "sync-failed";
    static final String CREDENTIALS_REFUSED = "credentials-refused";
    static final String SOURCE_STALE = "source-stale";
    static final String DEAD_LETTERS = "dead-letters";
    private static final List<String> ENDED_BY_SUCCESS = List.of(SYNC_FAILED, CREDENTIALS_REFUSED, SOURCE_STALE);
    private static final int ERROR_CHARS = 600;

    private static final Logger log = LoggerFactory.getLogger(OperationsAlerts.class);

    private final boolean enabled;
    private final long deadLetterThreshold;
    private final SourceStates sources;
    private final SyncRunRepository runs;
    private final AlertOutbox outbox;
    private final AlertMessages messages;
    private final SlackDelivery delivery;
    private final TransactionTemplate transactions;

    public OperationsAlerts(AlertProperties alerts, OperationsAlertProperties settings, SourceStates sources,
                            SyncRunRepository runs, AlertOutbox outbox, AlertMessages messages,
                            SlackDelivery delivery, TransactionTemplate transactions) {
        this.enabled = alerts.enabled() && settings.enabled();
        this.deadLetterThreshold = settings.deadLetterThreshold();
        this.sources = sources;
        this.runs = runs;
        this.outbox = outbox;
        this.messages = messages;
        this.delivery = delivery;
        this.transactions = transactions;
    }

    /** First of the work after a run: the message should not wait for scoring and KPIs. */
    @EventListener
    @Order(-100)
    public void afterRun(SyncFinished finished) {
        if (!enabled) {
            return;
        }
        try {
            SyncRunView run = runs.find(finished.runId()).orElseThrow();
            synchronized (this) {
                transactions.executeWithoutResult(tx -> record(finished, run));
            }
            delivery.deliverPending();
        } catch (RuntimeException e) {
            log.error("Operations alerts after {} run {} could not be recorded", finished.source(), finished.runId(), e);
        }
    }

    private void record(SyncFinished finished, SyncRunView run) {
        String source = run.source();
        Map<String, String> states = outbox.sourceStates(source);
        OffsetDateTime now = OffsetDateTime.now();
        if (SyncRunRepository.FAILED.equals(run.status())) {
            String rule = finished.credentialsRefused() ? CREDENTIALS_REFUSED : SYNC_FAILED;
            if (!firing(states, rule)) {
                String what = finished.credentialsRefused() ? "refused the hub's credentials" : "sync failed";
                fire(rule, source, null, null, ":red_circle: *" + source + "* " + what + " — run "
                        + run.id() + "\n" + AlertMessages.quote(String.valueOf(run.error()), ERROR_CHARS), now);
            }
            return;
        }
        for (String rule : ENDED_BY_SUCCESS) {
            if (firing(states, rule)) {
                resolve(rule, source, null, null, ":white_check_mark: Resolved: *" + source + "* syncs again — run "
                        + run.id() + " succeeded", now);
            }
        }
        boolean tooMany = run.deadLettered() > deadLetterThreshold;
        String rows = run.deadLettered() == 1 ? " row" : " rows";
        if (tooMany && !firing(states, DEAD_LETTERS)) {
            fire(DEAD_LETTERS, source, run.deadLettered(), deadLetterThreshold, ":warning: *" + source
                    + "* run " + run.id() + " succeeded with *" + run.deadLettered() + "* dead-lettered" + rows
                    + " — alert when more than " + deadLetterThreshold, now);
        } else if (!tooMany && firing(states, DEAD_LETTERS)) {
            resolve(DEAD_LETTERS, source, run.deadLettered(), deadLetterThreshold, ":white_check_mark: Resolved: *"
                    + source + "* run " + run.id() + " dead-lettered " + run.deadLettered() + rows + " — within "
                    + deadLetterThreshold, now);
        }
    }

    /**
     * Fires {@code source-stale} for every source that became stale, and resolves it for a source found
     * up to date without a run (an empty inbox). Called by the {@code sources-check} route.
     */
    public int checkStaleSources() {
        if (!enabled) {
            return 0;
        }
        Integer recorded;
        synchronized (this) {
            recorded = transactions.execute(tx -> checkStale());
        }
        delivery.deliverPending();
        return recorded == null ? 0 : recorded;
    }

    private int checkStale() {
        OffsetDateTime now = OffsetDateTime.now();
        int recorded = 0;
        for (SourceState source : sources.all()) {
            boolean firing = firing(outbox.sourceStates(source.name()), SOURCE_STALE);
            if (SourceState.STALE.equals(source.status()) && !firing) {
                fire(SOURCE_STALE, source.name(), null, null, ":warning: *" + source.name() + "* is stale: "
                        + AlertMessages.quote(source.error(), ERROR_CHARS), now);
                recorded++;
            } else if (SourceState.OK.equals(source.status()) && firing) {
                resolve(SOURCE_STALE, source.name(), null, null, ":white_check_mark: Resolved: *" + source.name()
                        + "* is up to date again", now);
                recorded++;
            }
        }
        return recorded;
    }

    private static boolean firing(Map<String, String> states, String rule) {
        return AlertOutbox.FIRING.equals(states.get(rule));
    }

    private void fire(String rule, String source, Long value, Long threshold, String text, OffsetDateTime now) {
        add(rule, source, AlertOutbox.FIRING, value, threshold, text, now);
    }

    private void resolve(String rule, String source, Long value, Long threshold, String text, OffsetDateTime now) {
        add(rule, source, AlertOutbox.RESOLVED, value, threshold, text, now);
    }

    /** A source that does not sync is critical; one that syncs late or with dead letters is a warning. */
    private static String severity(String rule) {
        return SYNC_FAILED.equals(rule) || CREDENTIALS_REFUSED.equals(rule) ? "critical" : "warning";
    }

    private void add(String rule, String source, String state, Long value, Long threshold, String text,
                     OffsetDateTime now) {
        String severity = severity(rule);
        String blocks = messages.sourceBlocks(source, text, severity);
        outbox.add(new AlertOutbox.SourceEvent(rule, source, severity, state, value, threshold, blocks,
                delivery.operationsWebhook() != null), now);
        log.info("Operations alert {} {} for {}", rule, state, source);
    }
}
