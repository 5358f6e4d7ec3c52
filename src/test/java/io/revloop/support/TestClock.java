package io.revloop.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The hub's clock in tests: it stands still at {@code test.clock} (an ISO instant; the start of the
 * test context if not given) until the test moves it, so "today", the running period and its elapsed
 * share are known in advance. Import {@link Configuration} to put it in place of the system clock.
 */
public final class TestClock extends Clock {

    private volatile Instant instant;

    public TestClock(Instant instant) {
        this.instant = instant;
    }

    public void set(Instant instant) {
        this.instant = instant;
    }

    @Override
    public Instant instant() {
        return instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the hub reads instants and applies revloop.time-zone itself");
    }

    /** Puts a {@link TestClock} at {@code test.clock} in place of the hub's clock. */
    @TestConfiguration
    public static class Configuration {

        @Bean
        @Primary
        public TestClock testClock(Environment environment) {
            String at = environment.getProperty("test.clock");
            return new TestClock(at == null ? Instant.now() : Instant.parse(at));
        }
    }
}
