package io.revloop.source.ads.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's {@code x-business-use-case-usage} header: per business, the share (percent) of the call
 * count, CPU time and total time used of the ads-insights budget, and the minutes until access is
 * regained when throttled. At or above {@code threshold} percent the connector pauses before its next
 * call — {@code estimated_time_to_regain_access} when Meta gives one, else {@code pause} — instead of
 * running into error 80004.
 */
final class BusinessUseCaseUsage {

    static final String HEADER = "x-business-use-case-usage";
    private static final Logger log = LoggerFactory.getLogger(BusinessUseCaseUsage.class);

    private final ObjectMapper json;
    private final int threshold;
    private final Duration pause;
    private final Duration maxPause;

    BusinessUseCaseUsage(ObjectMapper json, int threshold, Duration pause, Duration maxPause) {
        this.json = json;
        this.threshold = threshold;
        this.pause = pause;
        this.maxPause = maxPause;
    }

    /** How long to wait before the next call given the header's value (zero: no need). */
    Duration waitFor(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ZERO;
        }
        JsonNode usage;
        try {
            usage = json.readTree(header);
        } catch (Exception unreadable) {
            return Duration.ZERO;
        }
        Duration wait = Duration.ZERO;
        for (JsonNode business : usage) {
            for (JsonNode entry : business) {
                int used = Math.max(entry.path("call_count").asInt(), Math.max(entry.path("total_cputime").asInt(),
                        entry.path("total_time").asInt()));
                if (used >= threshold) {
                    long minutes = entry.path("estimated_time_to_regain_access").asLong(0);
                    Duration needed = minutes > 0 ? Duration.ofMinutes(minutes) : pause;
                    wait = needed.compareTo(wait) > 0 ? needed : wait;
                }
            }
        }
        return wait.compareTo(maxPause) > 0 ? maxPause : wait;
    }

    /** Pauses the calling thread as the header asks. */
    void observe(String header) throws InterruptedException {
        Duration wait = waitFor(header);
        if (!wait.isZero()) {
            log.warn("meta-ads: {}% or more of the ads-insights budget used; pausing {} s", threshold, wait.toSeconds());
            Thread.sleep(wait.toMillis());
        }
    }
}
