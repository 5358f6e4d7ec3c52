package io.revloop.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The health component {@code sources}: {@code DEGRADED} while an enabled source is failing or stale,
 * else {@code UP}, with each source's state as details. DEGRADED is not one of the statuses the
 * overall health is aggregated from, so the hub stays UP for a load balancer while a source fails;
 * details are shown to authorized callers only ({@code management.endpoint.health.show-details}).
 */
@Component
public class SourcesHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "an enabled source is failing or stale");

    private final SourceStates states;

    public SourcesHealthIndicator(SourceStates states) {
        this.states = states;
    }

    @Override
    public Health health() {
        boolean degraded = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (SourceState source : states.all()) {
            boolean troubled = SourceState.FAILING.equals(source.status()) || SourceState.STALE.equals(source.status());
            degraded |= troubled;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", troubled ? DEGRADED.getCode() : Status.UP.getCode());
            detail.put("state", source.status());
            detail.put("lastSuccessAt", source.lastSuccessAt());
            detail.put("lastRunId", source.lastRunId());
            if (source.error() != null) {
                detail.put("error", source.error());
            }
            details.put(source.name(), detail);
        }
        return Health.status(degraded ? DEGRADED : Status.UP).withDetails(details).build();
    }
}
