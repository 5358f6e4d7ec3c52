package io.revloop.source.http;

/**
 * A token bucket: holds up to {@code burst} permits and gains {@code permitsPerSecond} a second.
 * {@link #acquire()} takes one permit, waiting for it when the bucket is empty, so calls never
 * outrun the rate for longer than a burst. Thread-safe.
 */
public final class TokenBucket {

    private final double permitsPerNano;
    private final double burst;
    private double available;
    private long refilledAt;

    public TokenBucket(double permitsPerSecond, int burst) {
        if (permitsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a burst of at least 1");
        }
        this.permitsPerNano = permitsPerSecond / 1e9;
        this.burst = burst;
        this.available = burst;
        this.refilledAt = System.nanoTime();
    }

    /** Takes one permit, waiting until there is one. */
    public void acquire() throws InterruptedException {
        long waitNanos;
        while ((waitNanos = tryTake()) > 0) {
            Thread.sleep(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
        }
    }

    private synchronized long tryTake() {
        refill();
        if (available >= 1) {
            available -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - available) / permitsPerNano);
    }

    private void refill() {
        long now = System.nanoTime();
        available = Math.min(burst, available + (now - refilledAt) * permitsPerNano);
        refilledAt = now;
    }
}
