package io.revloop.source.ads.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.revloop.config.RequiredSettings;
import io.revloop.source.check.RemoteCheck;
import io.revloop.source.check.RemoteWords;
import io.revloop.source.http.AuthenticationException;
import io.revloop.source.http.HttpStatusException;
import io.revloop.source.http.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Meta: the ad account's name and status ({@code GET /act_<id>?fields=name,account_status}). Meta
 * answers most refusals with a 400 and its own code in the message: an invalid or expired token
 * ("access token"), a missing permission ({@code (#200)}, {@code (#10)}), an unknown account
 * ({@code (#100)}); they are said as the 401, 403 and 404 they are.
 */
@Component
class MetaAdsConnectionCheck extends RemoteCheck<MetaAdsProperties> {

    /** Meta's {@code account_status} values, in words. */
    private static final Map<Integer, String> STATUS = Map.of(1, "active", 2, "disabled", 3, "unsettled",
            7, "pending risk review", 8, "pending settlement", 9, "in grace period", 100, "pending closure",
            101, "closed");

    private final MetaAdsSource source;

    MetaAdsConnectionCheck(MetaAdsProperties settings, MetaAdsSource source) {
        super(MetaAdsSource.NAME, settings, new RemoteWords("Meta", settings.baseUrl(), null,
                "revloop.sources.meta-ads.access-token (META_ADS_ACCESS_TOKEN)",
                "the token of revloop.sources.meta-ads.access-token lacks ads_read on ad account act_"
                        + account(settings),
                "ad account act_" + account(settings) + " not found: check revloop.sources.meta-ads.account-id"));
        this.source = source;
    }

    @Override
    public List<String> notReady() {
        return RequiredSettings.of("revloop.sources.meta-ads", true).require("account-id", settings.accountId())
                .require("access-token", settings.accessToken()).unset();
    }

    @Override
    public String run() throws InterruptedException {
        JsonNode account = source.client(RetryPolicy.none()).get("/" + settings.apiVersion() + "/act_"
                + account(settings), Map.of("fields", "name,account_status"));
        int status = account.path("account_status").asInt();
        return "connected: Meta ad account act_" + account(settings) + " (" + account.path("name").asText("no name")
                + "), status " + STATUS.getOrDefault(status, Integer.toString(status));
    }

    @Override
    public String explain(Exception failure) {
        if (failure instanceof HttpStatusException answered && answered.status() == 400) {
            String message = failure.getMessage();
            if (message.contains("access token")) {
                return super.explain(new AuthenticationException(message));
            }
            if (message.contains("(#200)") || message.contains("(#10)")) {
                return super.explain(new HttpStatusException(403, message));
            }
            if (message.contains("(#100)")) {
                return super.explain(new HttpStatusException(404, message));
            }
        }
        return super.explain(failure);
    }

    private static String account(MetaAdsProperties settings) {
        return settings.accountId() == null ? "" : settings.accountId().replaceFirst("^act_", "");
    }
}
