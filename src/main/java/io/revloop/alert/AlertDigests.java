package io.revloop.alert;

import io.revloop.RevloopProperties;
import io.revloop.kpi.Grain;
import io.revloop.kpi.KpiCatalog;
import io.revloop.kpi.KpiDefinition;
import io.revloop.kpi.KpiValue;
import io.revloop.kpi.KpiValueStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The digests of {@code revloop.alerts.digests} — by default the catalogue's review cadence: daily
 * operational, weekly tactical, monthly strategic, quarterly. Each is one message with the current
 * and the last complete period's value of its KPIs, put into the outbox like an alert and sent by
 * {@link SlackDelivery}. Checked at start: an unknown grain or KPI stops the hub naming the digest.
 */
@Component
public class AlertDigests {

    private final Map<String, AlertProperties.Digest> digests;
    private final KpiCatalog catalog;
    private final KpiValueStore values;
    private final AlertOutbox outbox;
    private final AlertMessages messages;
    private final SlackDelivery delivery;
    private final ZoneId zone;
    private final Clock clock;

    public AlertDigests(AlertProperties properties, KpiCatalog catalog, KpiValueStore values, AlertOutbox outbox,
                        AlertMessages messages, SlackDelivery delivery, RevloopProperties revloop, Clock clock) {
        this.clock = clock;
        this.digests = properties.digests();
        this.catalog = catalog;
        this.values = values;
        this.outbox = outbox;
        this.messages = messages;
        this.delivery = delivery;
        this.zone = revloop.timeZone();
        digests.forEach((name, digest) -> {
            try {
                Grain grain = Grain.of(digest.grain() == null ? "" : digest.grain());
                for (String kpi : digest.kpis() == null ? List.<String>of() : digest.kpis()) {
                    KpiDefinition definition = catalog.find(kpi).orElseThrow(() ->
                            new IllegalArgumentException("unknown kpi '" + kpi + "'"));
                    if (!definition.hasGrain(grain)) {
                        throw new IllegalArgumentException("kpi '" + kpi + "' is not computed per " + grain.id());
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("revloop.alerts.digests." + name + ": " + e.getMessage(), e);
            }
        });
    }

    /** Puts the digest {@code name} into the outbox and sends what is due; returns false for an unknown name. */
    public boolean send(String name) {
        AlertProperties.Digest digest = digests.get(name);
        if (digest == null) {
            return false;
        }
        Grain grain = Grain.of(digest.grain());
        Instant now = clock.instant();
        LocalDate current = grain.start(LocalDate.ofInstant(now, zone));
        LocalDate previous = grain.previous(current);
        List<AlertMessages.DigestLine> lines = new ArrayList<>();
        for (String kpi : digest.kpis()) {
            KpiValue running = null;
            KpiValue before = null;
            for (KpiValue value : values.find(kpi, grain, null, previous, current)) {
                if (value.periodStart().equals(current)) {
                    running = value;
                } else if (value.periodStart().equals(previous)) {
                    before = value;
                }
            }
            lines.add(new AlertMessages.DigestLine(catalog.get(kpi), running == null ? null : running.result().value(),
                    before == null ? null : before.result().value(),
                    before == null || before.complete()));
        }
        BigDecimal elapsed = grain.elapsedShare(current, now, zone);
        String rule = "digest:" + name;
        outbox.add(new AlertOutbox.NewEvent(rule, "digest", grain.id(), current, null, null, null, null, null, "info",
                AlertOutbox.DIGEST, messages.digestBlocks(name, grain, current, elapsed, lines),
                delivery.webhookFor(rule) != null), OffsetDateTime.now());
        delivery.deliverPending();
        return true;
    }
}
