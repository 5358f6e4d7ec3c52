package io.revloop.alert;

import io.revloop.kpi.Grain;
import io.revloop.kpi.KpiValue;
import io.revloop.kpi.KpiValueStore;
import io.revloop.kpi.KpisComputed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After each KPI compute, checks every rule ({@link AlertChecks}: by default the last complete period
 * of its grain). A breach that starts records one {@code firing} event, its end one {@code resolved}
 * event; while it lasts nothing more, and a skipped check (period not complete, sample too small)
 * changes nothing. Events are written first, then sent ({@link SlackDelivery}).
 */
@Component
public class AlertEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final AlertProperties properties;
    private final AlertRules rules;
    private final AlertChecks checks;
    private final KpiValueStore values;
    private final AlertOutbox outbox;
    private final AlertMessages messages;
    private final SlackDelivery delivery;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public AlertEvaluator(AlertProperties properties, AlertRules rules, AlertChecks checks, KpiValueStore values,
                          AlertOutbox outbox, AlertMessages messages, SlackDelivery delivery,
                          TransactionTemplate transactions, Clock clock) {
        this.properties = properties;
        this.rules = rules;
        this.checks = checks;
        this.values = values;
        this.outbox = outbox;
        this.messages = messages;
        this.delivery = delivery;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener
    @Order(200)
    public void afterCompute(KpisComputed computed) {
        if (!properties.enabled() || rules.all().isEmpty()) {
            return;
        }
        try {
            int events = evaluate();
            if (events > 0) {
                log.info("KPI alerts: {} new events", events);
            }
        } catch (RuntimeException e) {
            log.error("KPI alerts could not be evaluated", e);
        }
        delivery.deliverPending();
    }

    /** Checks every rule and records the events; returns how many. */
    public synchronized int evaluate() {
        OffsetDateTime now = OffsetDateTime.now();
        LocalDate oldest = rules.all().stream().map(rule -> checks.periodChecked(rule, clock.instant()))
                .min(LocalDate::compareTo).orElse(LocalDate.EPOCH);
        Integer events = transactions.execute(tx -> {
            Map<String, AlertOutbox.LastState> states = outbox.lastStates(oldest);
            int recorded = 0;
            for (List<AlertChecks.Check> ruleChecks : checks.all().values()) {
                for (AlertChecks.Check check : ruleChecks) {
                    AlertRule rule = check.rule();
                    KpiValue value = check.value();
                    String key = AlertOutbox.key(rule.name(), rule.grain().id(), value.periodStart(), value.dimensionValue());
                    String state = transition(check, states.get(key), now);
                    if (state != null) {
                        record(check, state, now);
                        recorded++;
                    }
                }
            }
            return recorded;
        });
        return events == null ? 0 : events;
    }

    /** The event a check causes given the key's last state: firing, resolved, or none (null). */
    private static String transition(AlertChecks.Check check, AlertOutbox.LastState last, OffsetDateTime now) {
        boolean firing = last != null && AlertOutbox.FIRING.equals(last.state());
        if (check.status() == AlertChecks.Status.BREACHED && !firing) {
            boolean flapping = last != null && last.lastFiredAt() != null
                    && last.lastFiredAt().plus(check.rule().cooldown()).isAfter(now);
            return flapping ? null : AlertOutbox.FIRING;
        }
        if (check.status() == AlertChecks.Status.WITHIN && firing) {
            return AlertOutbox.RESOLVED;
        }
        return null;
    }

    private void record(AlertChecks.Check check, String state, OffsetDateTime now) {
        AlertRule rule = check.rule();
        KpiValue value = check.value();
        Grain grain = rule.grain();
        LocalDate from = value.periodStart();
        for (int i = 1; i < properties.trendPeriods(); i++) {
            from = grain.previous(from);
        }
        List<BigDecimal> trend = values.find(rule.kpi().id(), grain, rule.dimension(), from, value.periodStart()).stream()
                .filter(v -> Objects.equals(v.dimensionValue(), value.dimensionValue()))
                .map(v -> v.result().value()).toList();
        String blocks = messages.alertBlocks(check, AlertOutbox.RESOLVED.equals(state), trend);
        outbox.add(new AlertOutbox.NewEvent(rule.name(), rule.kpi().id(), grain.id(), value.periodStart(),
                rule.dimension() == null ? null : rule.dimension().id(), value.dimensionValue(), value.result().value(),
                check.threshold(), rule.comparison().symbol(), rule.severity().id(), state, blocks,
                delivery.webhookFor(rule.name()) != null), now);
    }
}
