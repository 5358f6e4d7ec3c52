package io.revloop.operations;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A source's Quartz cron, read as the schedule routes read it (the JVM's time zone): when it fires
 * next, and its interval — the gap between its next two fire times (none for a cron that fires
 * once more at most, such as one year's date).
 */
final class CronSchedule {

    private final CronExpression cron;

    private CronSchedule(CronExpression cron) {
        this.cron = cron;
    }

    static CronSchedule of(String expression) {
        try {
            CronExpression cron = new CronExpression(expression);
            cron.setTimeZone(TimeZone.getDefault());
            return new CronSchedule(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a Quartz cron: " + e.getMessage(), e);
        }
    }

    Optional<Instant> nextAfter(Instant now) {
        return Optional.ofNullable(cron.getNextValidTimeAfter(Date.from(now))).map(Date::toInstant);
    }

    Optional<Duration> interval(Instant now) {
        return nextAfter(now).flatMap(first -> nextAfter(first).map(second -> Duration.between(first, second)));
    }
}
