package io.revloop.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The hub's clock in tests. Either it stands still at an instant (from {@code test.clock}, an ISO
 * instant, with {@link Configuration}) until the test sets it, so "today", the running period and its
 * elapsed share are known in advance; or it runs with the system clock ({@link #TestClock()}). Either
 * way a test can move it forward (to make a source stale without waiting hours).
 */
public final class TestClock extends Clock {

    private volatile Instant fixed;
    private volatile Duration ahead = Duration.ZERO;

    /** A clock that runs with the system clock until moved. */
    public TestClock() {
        this(null);
    }

    /** A clock that stands still at {@code instant}. */
    public TestClock(Instant instant) {
        this.fixed = instant;
    }

    public void set(Instant instant) {
        this.fixed = instant;
        this.ahead = Duration.ZERO;
    }

    public void advance(Duration duration) {
        ahead = ahead.plus(duration);
    }

    /** Undoes {@link #advance}. */
    public void reset() {
        ahead = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant base = fixed;
        return (base == null ? Instant.now() : base).plus(ahead);
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
