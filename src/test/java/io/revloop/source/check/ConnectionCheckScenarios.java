package io.revloop.source.check;

import io.revloop.support.ServiceAccountKeys;
import io.revloop.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the connection tests of every source share: each connector configured with credentials of
 * its own (Salesforce and the inbox enabled, the others disabled but configured, so they are checked
 * all the same), a schedule that never fires, and a call of {@code POST /api/sources/{name}/test}.
 * The subclasses say where the servers are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.scoring.enabled=false",
        "revloop.alerts.enabled=false",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.salesforce.enabled=true",
        "revloop.sources.salesforce.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.salesforce.client-id=check-client",
        "revloop.sources.salesforce.client-secret=check-client-secret-2718",
        "revloop.sources.salesforce.refresh-token=check-refresh-token-2718",
        "revloop.sources.hubspot.access-token=" + ConnectionCheckScenarios.HUBSPOT_TOKEN,
        "revloop.sources.ga4.property-id=properties/456789012",
        "revloop.sources.google-ads.customer-id=222-333-4444",
        "revloop.sources.google-ads.developer-token=check-developer-token",
        "revloop.sources.google-ads.client-id=check.apps.googleusercontent.com",
        "revloop.sources.google-ads.client-secret=check-gads-secret-1414",
        "revloop.sources.google-ads.refresh-token=1//check-gads-refresh-1414",
        "revloop.sources.meta-ads.account-id=act_5550001",
        "revloop.sources.meta-ads.access-token=EAAcheck-meta-token-1732",
        "revloop.sources.linkedin-ads.account-id=508000111",
        "revloop.sources.linkedin-ads.client-id=check-linkedin-client",
        "revloop.sources.linkedin-ads.client-secret=check-linkedin-secret-1618",
        "revloop.sources.linkedin-ads.refresh-token=check-linkedin-refresh-1618"})
abstract class ConnectionCheckScenarios {

    static final String HUBSPOT_TOKEN = "pat-eu1-check-token-4711";
    static final String GA4_EMAIL = "revloop-check@revloop-test.iam.gserviceaccount.com";

    @Autowired
    TestRestTemplate http;

    /** The settings of the sources at {@code url} (tokens at {@code url}/…/token), the database and inbox {@code name}. */
    static void serversAt(DynamicPropertyRegistry registry, String url, String name) throws IOException {
        TestDatabase.hsqldb(name).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("revloop.sources.files.inbox", () -> inbox(name).toString());
        Path keyFile = ServiceAccountKeys.write(Path.of("target", "test-ga4", name, "service-account.json"),
                ServiceAccountKeys.newKeyPair(), GA4_EMAIL);
        registry.add("revloop.sources.ga4.credentials-file", () -> keyFile.toAbsolutePath().toString());
        registry.add("revloop.sources.salesforce.login-url", () -> url);
        registry.add("revloop.sources.hubspot.base-url", () -> url);
        for (String google : new String[] {"ga4", "google-ads"}) {
            registry.add("revloop.sources." + google + ".base-url", () -> url);
            registry.add("revloop.sources." + google + ".token-url", () -> url + "/google/token");
        }
        registry.add("revloop.sources.meta-ads.base-url", () -> url);
        registry.add("revloop.sources.linkedin-ads.base-url", () -> url);
        registry.add("revloop.sources.linkedin-ads.token-url", () -> url + "/linkedin/token");
    }

    static Path inbox(String name) {
        return Path.of("target", "test-inbox", "check-" + name).toAbsolutePath();
    }

    /** {@code POST /api/sources/{source}/test} as {@code token} (null: without a token). */
    ResponseEntity<Map<String, Object>> test(String source, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        } else {
            headers.set(HttpHeaders.AUTHORIZATION, "");
        }
        return http.exchange("/api/sources/" + source + "/test", HttpMethod.POST, new HttpEntity<>(headers),
                new ParameterizedTypeReference<>() { });
    }
}
