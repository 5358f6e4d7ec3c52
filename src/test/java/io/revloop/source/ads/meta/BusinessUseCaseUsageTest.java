package io.revloop.source.ads.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pause Meta's x-business-use-case-usage header asks for (threshold 90 %, pause 5 s, at most 10 min). */
class BusinessUseCaseUsageTest {

    private final BusinessUseCaseUsage usage = new BusinessUseCaseUsage(new ObjectMapper(), 90, Duration.ofSeconds(5),
            Duration.ofMinutes(10));

    @Test
    void belowTheThresholdThereIsNoPause() {
        assertThat(usage.waitFor("{\"1150000000000001\": [{\"type\": \"ads_insights\", \"call_count\": 45, "
                + "\"total_cputime\": 12, \"total_time\": 89, \"estimated_time_to_regain_access\": 0}]}")).isZero();
        assertThat(usage.waitFor(null)).isZero();
        assertThat(usage.waitFor("not json")).isZero();
    }

    @Test
    void atTheThresholdMetasEstimateOrTheDefaultPause() {
        // total_time 92 % ≥ 90 %: Meta estimates 3 minutes
        assertThat(usage.waitFor("{\"1150000000000001\": [{\"type\": \"ads_insights\", \"call_count\": 10, "
                + "\"total_cputime\": 5, \"total_time\": 92, \"estimated_time_to_regain_access\": 3}]}"))
                .isEqualTo(Duration.ofMinutes(3));
        // call_count 100 % without an estimate: the default 5 s
        assertThat(usage.waitFor("{\"1150000000000001\": [{\"type\": \"ads_management\", \"call_count\": 100, "
                + "\"total_cputime\": 5, \"total_time\": 5, \"estimated_time_to_regain_access\": 0}]}"))
                .isEqualTo(Duration.ofSeconds(5));
        // two businesses: the longer wait, capped at 10 minutes (Meta asks for 60)
        assertThat(usage.waitFor("{\"1\": [{\"call_count\": 95, \"estimated_time_to_regain_access\": 2}], "
                + "\"2\": [{\"total_cputime\": 99, \"estimated_time_to_regain_access\": 60}]}"))
                .isEqualTo(Duration.ofMinutes(10));
    }
}
