package io.revloop.source.ga4;

import io.revloop.config.RequiredSettings;
import io.revloop.source.check.RemoteCheck;
import io.revloop.source.check.RemoteWords;
import io.revloop.source.http.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** GA4: a one-day report of one metric, one row, for the property, as the service account. */
@Component
class Ga4ConnectionCheck extends RemoteCheck<Ga4Properties> {

    private final Ga4Source source;

    Ga4ConnectionCheck(Ga4Properties settings, Ga4Source source) {
        super(Ga4Source.NAME, settings, new RemoteWords("GA4", settings.baseUrl(), settings.tokenUrl(),
                "revloop.sources.ga4.credentials-file (the service account key)",
                "property " + property(settings) + " not found or the service account has no access: add its email"
                        + " as a Viewer of the property, or check revloop.sources.ga4.property-id",
                "property " + property(settings) + " not found: check revloop.sources.ga4.property-id"));
        this.source = source;
    }

    @Override
    public List<String> notReady() {
        return RequiredSettings.of("revloop.sources.ga4", true).require("property-id", settings.propertyId())
                .requireReadableFile("credentials-file", settings.credentialsFile()).unset();
    }

    @Override
    public String run() throws InterruptedException {
        Map<String, Object> report = Map.of(
                "dateRanges", List.of(Map.of("startDate", "yesterday", "endDate", "yesterday")),
                "metrics", List.of(Map.of("name", "sessions")),
                "limit", 1);
        source.client(RetryPolicy.none()).post("/v1beta/properties/" + property(settings) + ":runReport", report);
        return "connected: GA4 property " + property(settings) + " answered a one-day report";
    }

    private static String property(Ga4Properties settings) {
        return settings.propertyId() == null ? "" : settings.propertyId().replaceFirst("^properties/", "");
    }
}
