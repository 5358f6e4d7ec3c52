package io.revloop.source.ads.googleads;

import io.revloop.config.RequiredSettings;
import io.revloop.source.check.RemoteCheck;
import io.revloop.source.check.RemoteWords;
import io.revloop.source.http.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Google Ads: a one-row {@code searchStream} of the customer ({@code SELECT customer.id FROM customer LIMIT 1}). */
@Component
class GoogleAdsConnectionCheck extends RemoteCheck<GoogleAdsProperties> {

    private final GoogleAdsSource source;

    GoogleAdsConnectionCheck(GoogleAdsProperties settings, GoogleAdsSource source) {
        super(GoogleAdsSource.NAME, settings, new RemoteWords("Google Ads", settings.baseUrl(), settings.tokenUrl(),
                "revloop.sources.google-ads.client-id, client-secret and refresh-token",
                "customer " + customer(settings) + " is not open to these credentials or the developer token is not"
                        + " approved for it: check revloop.sources.google-ads.customer-id, login-customer-id and"
                        + " developer-token",
                "customer " + customer(settings) + " not found: check revloop.sources.google-ads.customer-id"
                        + " and api-version"));
        this.source = source;
    }

    @Override
    public List<String> notReady() {
        return RequiredSettings.of("revloop.sources.google-ads", true).require("customer-id", settings.customerId())
                .require("developer-token", settings.developerToken()).require("client-id", settings.clientId())
                .require("client-secret", settings.clientSecret()).require("refresh-token", settings.refreshToken())
                .unset();
    }

    @Override
    public String run() throws InterruptedException {
        source.client(RetryPolicy.none()).post("/" + settings.apiVersion() + "/customers/" + customer(settings)
                + "/googleAds:searchStream", Map.of("query", "SELECT customer.id FROM customer LIMIT 1"));
        return "connected: Google Ads customer " + customer(settings) + " answered a one-row query";
    }

    private static String customer(GoogleAdsProperties settings) {
        return settings.customerId() == null ? "" : settings.customerId().replace("-", "");
    }
}
