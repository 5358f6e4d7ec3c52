package io.revloop.kpi.facts;

import io.revloop.kpi.attribution.SourceToRevenue;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The source dimension of ad spend: the traffic source its clicks carry (google_ads → google), so
 * cost per lead and ROAS by source put spend on the same source as the leads and touches it bought.
 */
final class AdPlatformSource {

    /** HSQLDB pads CASE results of literals to the longest: hence the casts. */
    static final String SQL = SourceToRevenue.SOURCE_OF_PLATFORM.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> "WHEN '" + e.getKey() + "' THEN CAST('" + e.getValue() + "' AS VARCHAR(255)) ")
            .collect(Collectors.joining("", "CASE a.platform ", "ELSE a.platform END"));

    private AdPlatformSource() {
    }
}
