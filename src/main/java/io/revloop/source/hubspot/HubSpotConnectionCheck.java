package io.revloop.source.hubspot;

import io.revloop.RevloopProperties;
import io.revloop.config.RequiredSettings;
import io.revloop.source.check.RemoteCheck;
import io.revloop.source.check.RemoteWords;
import io.revloop.source.http.RemoteJson;
import io.revloop.source.http.RetryPolicy;
import io.revloop.source.http.TokenBucket;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** HubSpot: one contact and one deal ({@code GET /crm/v3/objects/{contacts,deals}?limit=1}) with the app's token. */
@Component
class HubSpotConnectionCheck extends RemoteCheck<RevloopProperties.Hubspot> {

    private final ProducerTemplate camel;
    private final RemoteJson remote;

    HubSpotConnectionCheck(RevloopProperties properties, ProducerTemplate camel, RemoteJson remote) {
        super(HubSpotSource.NAME, properties.sources().hubspot(), new RemoteWords("HubSpot",
                properties.sources().hubspot().baseUrl().toString(), null,
                "revloop.sources.hubspot.access-token (HUBSPOT_ACCESS_TOKEN)",
                "the private app behind revloop.sources.hubspot.access-token lacks the scopes to read contacts and"
                        + " deals (crm.objects.contacts.read, crm.objects.deals.read)",
                "no CRM objects API at revloop.sources.hubspot.base-url"));
        this.camel = camel;
        this.remote = remote;
    }

    @Override
    public List<String> notReady() {
        return RequiredSettings.of("revloop.sources.hubspot", true).require("access-token", settings.accessToken()).unset();
    }

    @Override
    public String run() throws InterruptedException {
        HubSpotClient client = new HubSpotClient(HubSpotSource.http(settings, RetryPolicy.none(), camel, remote),
                new TokenBucket(settings.searchRate(), settings.searchBurst()), 1);
        for (HubSpotObject object : List.of(HubSpotObject.CONTACTS, HubSpotObject.DEALS)) {
            client.list(object, List.of(), List.of(), false, null);
        }
        return "connected: HubSpot lets the private app read contacts and deals";
    }
}
