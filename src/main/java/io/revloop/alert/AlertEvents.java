package io.revloop.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The alert events as the API shows them: everything but the webhook and the message blocks. */
@Component
public class AlertEvents {

    private static final Set<String> STATES = Set.of(AlertOutbox.FIRING, AlertOutbox.RESOLVED, AlertOutbox.DIGEST);
    private static final int MAX_LIMIT = 1000;

    private final AlertOutbox outbox;

    AlertEvents(AlertOutbox outbox) {
        this.outbox = outbox;
    }

    public List<Map<String, Object>> list(String state, int limit) {
        if (state != null && !STATES.contains(state)) {
            throw new IllegalArgumentException("state: '" + state + "' is not a state of an alert event; use firing, "
                    + "resolved or digest");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: '" + limit + "' is out of range; use 1 to " + MAX_LIMIT);
        }
        return outbox.list(state, limit).stream().map(AlertEvents::view).toList();
    }

    /** As stored, 0.2000000000; as given, 0.2. */
    static java.math.BigDecimal plain(java.math.BigDecimal number) {
        return number == null ? null : new java.math.BigDecimal(number.stripTrailingZeros().toPlainString());
    }

    private static Map<String, Object> view(AlertOutbox.Event event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", event.id());
        view.put("rule", event.rule());
        view.put("state", event.state());
        view.put("severity", event.severity());
        view.put("kpi", event.kpi());
        view.put("source", event.source());
        view.put("grain", event.grain());
        view.put("periodStart", event.periodStart() == null ? null : event.periodStart().toString());
        view.put("dimension", event.dimension());
        view.put("dimensionValue", event.dimensionValue());
        view.put("value", plain(event.value()));
        view.put("comparison", event.comparison());
        view.put("threshold", plain(event.threshold()));
        view.put("createdAt", event.createdAt());
        view.put("delivery", !event.deliver() ? "none" : event.sentAt() != null ? "sent" : "pending");
        view.put("sentAt", event.sentAt());
        view.put("attempts", event.attempts());
        view.put("lastError", event.lastError());
        return view;
    }
}
