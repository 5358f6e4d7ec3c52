package io.revloop.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every application context of the test JVM a Camel context name of its own. Spring keeps
 * test contexts alive for reuse, and camel-quartz names its scheduler after the Camel context:
 * contexts sharing the name "revloop" would share one Quartz scheduler, and a job of one context
 * would fire (or collide) in another. In production there is one context per JVM.
 */
public class DistinctCamelContextNames implements EnvironmentPostProcessor {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addFirst(new MapPropertySource("distinct-camel-context-name",
                Map.of("camel.main.name", "revloop-test-" + CONTEXTS.incrementAndGet())));
    }
}
