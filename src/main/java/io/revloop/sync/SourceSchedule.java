package io.revloop.sync;

/**
 * Whether a source runs on its schedule, and its Quartz cron ({@code revloop.sources.<name>.enabled}
 * and {@code schedule}): implemented by each source's configuration record.
 */
public interface SourceSchedule {

    boolean enabled();

    String schedule();
}
