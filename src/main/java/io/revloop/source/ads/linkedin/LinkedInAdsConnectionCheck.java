package io.revloop.source.ads.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import io.revloop.config.RequiredSettings;
import io.revloop.source.check.RemoteCheck;
import io.revloop.source.check.RemoteWords;
import io.revloop.source.http.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** LinkedIn: the ad account ({@code GET /rest/adAccounts/<id>}) with a token from the refresh token. */
@Component
class LinkedInAdsConnectionCheck extends RemoteCheck<LinkedInAdsProperties> {

    private final LinkedInAdsSource source;

    LinkedInAdsConnectionCheck(LinkedInAdsProperties settings, LinkedInAdsSource source) {
        super(LinkedInAdsSource.NAME, settings, new RemoteWords("LinkedIn", settings.baseUrl(), settings.tokenUrl(),
                "revloop.sources.linkedin-ads.client-id, client-secret and refresh-token",
                "the member behind revloop.sources.linkedin-ads.refresh-token has no role on ad account "
                        + account(settings) + " or the app lacks r_ads and r_ads_reporting",
                "ad account " + account(settings) + " not found: check revloop.sources.linkedin-ads.account-id"));
        this.source = source;
    }

    @Override
    public List<String> notReady() {
        return RequiredSettings.of("revloop.sources.linkedin-ads", true).require("account-id", settings.accountId())
                .require("client-id", settings.clientId()).require("client-secret", settings.clientSecret())
                .require("refresh-token", settings.refreshToken()).unset();
    }

    @Override
    public String run() throws InterruptedException {
        JsonNode account = source.client(RetryPolicy.none()).get("/rest/adAccounts/" + account(settings), Map.of());
        return "connected: LinkedIn ad account " + account(settings) + " (" + account.path("name").asText("no name")
                + "), status " + account.path("status").asText("unknown");
    }

    private static String account(LinkedInAdsProperties settings) {
        return settings.accountId() == null ? "" : settings.accountId().replaceFirst("^urn:li:sponsoredAccount:", "");
    }
}
