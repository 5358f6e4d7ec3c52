package io.revloop.kpi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The duration of every KPI compute, after a sync or on request (metric names in docs/operations.md). */
@Component
class KpiMetrics {

    private final Timer computes;

    KpiMetrics(MeterRegistry registry) {
        this.computes = Timer.builder("revloop.kpi.compute.duration")
                .description("Duration of KPI computes (after a sync, or POST /api/kpis/compute)").register(registry);
    }

    @EventListener
    public void afterCompute(KpisComputed computed) {
        computes.record(Duration.ofMillis(computed.summary().millis()));
    }
}
