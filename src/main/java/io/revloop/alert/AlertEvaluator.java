package io.revloop.alert;

import io.revloop.RevloopProperties;
import io.revloop.kpi.Grain;
import io.revloop.kpi.KpiValue;
import io.revloop.kpi.KpiValueStore;
import io.revloop.kpi.KpisComputed;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
 * After each KPI compute, checks every rule on the current period and the last complete period of
 * its grain. A breach that starts records one {@code firing} event, its end one {@code resolved}
 * event; while it lasts nothing more. Events are written first, then sent ({@link SlackDelivery}).
 */
@Component
public class AlertEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final AlertProperties properties;
    private final AlertRules rules;
    private final KpiValueStore values;
    private final AlertOutbox outbox;
    private final AlertMessages messages;
    private final SlackDelivery delivery;
    private final TransactionTemplate transactions;
    private final ZoneId zone;

    public AlertEvaluator(AlertProperties properties, AlertRules rules, KpiValueStore values, AlertOutbox outbox,
                          AlertMessages messages, SlackDelivery delivery, TransactionTemplate transactions,
                          RevloopProperties revloop) {
        this.properties = properties;
        this.rules = rules;
        this.values = values;
        this.outbox = outbox;
        this.messages = messages;
        this.delivery = delivery;
        this.transactions = transactions;
        this.zone = revloop.timeZone();
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
        LocalDate today = LocalDate.now(zone);
        OffsetDateTime now = OffsetDateTime.now();
        LocalDate oldest = rules.all().stream().map(r -> r.grain().previous(r.grain().start(today)))
                .min(LocalDate::compareTo).orElse(today);
        Integer events = transactions.execute(tx -> {
            Map<String, AlertOutbox.LastState> states = outbox.lastStates(oldest);
            int recorded = 0;
            for (AlertRule rule : rules.all()) {
                LocalDate current = rule.grain().start(today);
                LocalDate lastComplete = rule.grain().previous(current);
                for (KpiValue value : values.find(rule.kpi().id(), rule.grain(), rule.dimension(), lastComplete, current)) {
                    if (rule.dimensionValue() != null && !rule.dimensionValue().equals(value.dimensionValue())) {
                        continue;
                    }
                    String key = AlertOutbox.key(rule.name(), rule.grain().id(), value.periodStart(), value.dimensionValue());
                    String state = transition(rule, value.result().value(), states.get(key), now);
                    if (state != null) {
                        record(rule, value, state, now);
                        recorded++;
                    }
                }
            }
            return recorded;
        });
        return events == null ? 0 : events;
    }

    /** The event a value causes given the key's last state: firing, resolved, or none (null). */
    private static String transition(AlertRule rule, BigDecimal value, AlertOutbox.LastState last, OffsetDateTime now) {
        boolean firing = last != null && AlertOutbox.FIRING.equals(last.state());
        if (rule.breachedBy(value) && !firing) {
            boolean flapping = last != null && last.lastFiredAt() != null
                    && last.lastFiredAt().plus(rule.cooldown()).isAfter(now);
            return flapping ? null : AlertOutbox.FIRING;
        }
        if (value != null && !rule.breachedBy(value) && firing) {
            return AlertOutbox.RESOLVED;
        }
        return null;
    }

    private void record(AlertRule rule, KpiValue value, String state, OffsetDateTime now) {
        Grain grain = rule.grain();
        LocalDate from = value.periodStart();
        for (int i = 1; i < properties.trendPeriods(); i++) {
            from = grain.previous(from);
        }
        List<BigDecimal> trend = values.find(rule.kpi().id(), grain, rule.dimension(), from, value.periodStart()).stream()
                .filter(v -> Objects.equals(v.dimensionValue(), value.dimensionValue()))
                .map(v -> v.result().value()).toList();
        String blocks = messages.alertBlocks(rule, value.periodStart(), value.dimensionValue(), value.result().value(),
                AlertOutbox.RESOLVED.equals(state), trend);
        outbox.add(new AlertOutbox.NewEvent(rule.name(), rule.kpi().id(), grain.id(), value.periodStart(),
                rule.dimension() == null ? null : rule.dimension().id(), value.dimensionValue(), value.result().value(),
                rule.threshold(), rule.comparison().symbol(), rule.severity().id(), state, blocks,
                delivery.webhookFor(rule.name()) != null), now);
    }
}
