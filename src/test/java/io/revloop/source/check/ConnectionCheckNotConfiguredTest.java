package io.revloop.source.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.revloop.support.TestDatabase;
import io.revloop.support.TestTokens;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A hub as shipped: every remote source off and without credentials. Its tests name what is missing, and call nobody. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099"})
class ConnectionCheckNotConfiguredTest {

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.hsqldb("connection-check-unset").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("revloop.sources.files.inbox",
                () -> Path.of("target", "test-inbox", "check-unset").toAbsolutePath().toString());
    }

    @Test
    void aSourceWithoutItsSettingsNamesThemAll() {
        Map<String, String> expected = Map.of(
                "salesforce", "disabled: revloop.sources.salesforce.enabled=false; the hub connects to Salesforce only"
                        + " while it is enabled: set revloop.sources.salesforce.enabled=true (with its login settings) to"
                        + " test the connection",
                "hubspot", "disabled: revloop.sources.hubspot.enabled=false; not configured:"
                        + " revloop.sources.hubspot.access-token is empty",
                "ga4", "disabled: revloop.sources.ga4.enabled=false; not configured: revloop.sources.ga4.property-id"
                        + " is empty, revloop.sources.ga4.credentials-file is empty",
                "google-ads", "disabled: revloop.sources.google-ads.enabled=false; not configured:"
                        + " revloop.sources.google-ads.customer-id is empty, revloop.sources.google-ads.developer-token"
                        + " is empty, revloop.sources.google-ads.client-id is empty,"
                        + " revloop.sources.google-ads.client-secret is empty, revloop.sources.google-ads.refresh-token"
                        + " is empty",
                "meta-ads", "disabled: revloop.sources.meta-ads.enabled=false; not configured:"
                        + " revloop.sources.meta-ads.account-id is empty, revloop.sources.meta-ads.access-token is empty",
                "linkedin-ads", "disabled: revloop.sources.linkedin-ads.enabled=false; not configured:"
                        + " revloop.sources.linkedin-ads.account-id is empty, revloop.sources.linkedin-ads.client-id is"
                        + " empty, revloop.sources.linkedin-ads.client-secret is empty,"
                        + " revloop.sources.linkedin-ads.refresh-token is empty");
        expected.forEach((source, message) -> {
            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth(TestTokens.ADMIN);
            Map<String, Object> answer = http.exchange("/api/sources/" + source + "/test", HttpMethod.POST,
                    new HttpEntity<>(headers), new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
            assertThat(answer).as(source).containsEntry("source", source).containsEntry("ok", false)
                    .containsEntry("message", message);
        });
    }
}
