package io.revloop;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock the hub reads the calendar from: which day is today in {@code revloop.time-zone}, so
 * which periods are over, which one runs and how much of it has passed, and when a source turns
 * stale. Tests put their own clock in its place (a {@code @Primary} bean).
 */
@Configuration
public class ClockConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
