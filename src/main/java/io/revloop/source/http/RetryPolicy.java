package io.revloop.source.http;

import java.time.Duration;

/**
 * How often a failed request is tried again and how long to wait before each try: exponential
 * backoff from {@code backoff}, doubling per retry, capped at {@code maxBackoff}. A server's
 * {@code Retry-After} is honoured when it asks for longer; one asking for more than
 * {@code maxBackoff} (a daily limit) is not waited for at all.
 */
public record RetryPolicy(int maxRetries, Duration backoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxRetries < 0 || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("retries must be >= 0 and max-backoff >= backoff");
        }
    }

    /** One try and no retry: a connection check says at once what the first answer was. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delay(int retry) {
        long millis = backoff.toMillis() << Math.min(retry - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** The wait before retry {@code retry} when the server said {@code retryAfter} (null if it said nothing). */
    public Duration delay(int retry, Duration retryAfter) {
        Duration backedOff = delay(retry);
        return retryAfter == null || retryAfter.compareTo(backedOff) <= 0 ? backedOff : retryAfter;
    }

    /** Whether the server asks for a longer wait than a run should sit through. */
    public boolean waitsTooLong(Duration retryAfter) {
        return retryAfter != null && retryAfter.compareTo(maxBackoff) > 0;
    }
}
