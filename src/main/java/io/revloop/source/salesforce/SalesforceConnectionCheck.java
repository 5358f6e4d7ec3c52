package io.revloop.source.salesforce;

import io.revloop.RevloopProperties;
import io.revloop.source.check.ConnectionCheck;
import io.revloop.source.check.RemoteWords;
import io.revloop.source.http.AuthenticationException;
import io.revloop.source.http.RemoteJson;
import io.revloop.source.salesforce.SalesforceApi.ApiLimitException;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

/**
 * Salesforce: logs in as configured and reads one opportunity ({@code SELECT Id FROM Opportunity
 * LIMIT 1}), which a sync needs read access to. The camel-salesforce component is built only while
 * the source is enabled, so a disabled Salesforce cannot be checked.
 */
@Component
class SalesforceConnectionCheck implements ConnectionCheck {

    private final RevloopProperties.Salesforce config;
    private final ProducerTemplate template;
    private final RemoteJson remote;

    SalesforceConnectionCheck(RevloopProperties properties, ProducerTemplate template, RemoteJson remote) {
        this.config = properties.sources().salesforce();
        this.template = template;
        this.remote = remote;
    }

    @Override
    public String source() {
        return ConversionStore.SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    /** An enabled Salesforce is fully configured: the hub does not start otherwise. */
    @Override
    public List<String> notReady() {
        return config.enabled() ? List.of() : List.of("the hub connects to Salesforce only while it is enabled:"
                + " set revloop.sources.salesforce.enabled=true (with its login settings) to test the connection");
    }

    @Override
    public String run() {
        new SalesforceApi(template, remote, config.apiVersion(), config.pageSize(), 0, config.retryBackoff())
                .query("SELECT Id FROM Opportunity LIMIT 1", false);
        return "connected: Salesforce lets the user read opportunities";
    }

    @Override
    public String explain(Exception failure) {
        Optional<String> unreachable = RemoteWords.unreachable(failure, config.loginUrl().toString());
        if (unreachable.isPresent()) {
            return unreachable.get();
        }
        if (failure instanceof AuthenticationException) {
            return failure.getMessage();
        }
        if (failure instanceof ApiLimitException) {
            return "Salesforce: the org's daily API requests are used up (" + failure.getMessage() + ")";
        }
        SalesforceException error = SalesforceApi.salesforceCause(failure);
        int status = error == null ? 0 : error.getStatusCode();
        if (status == 400 || status == 403) {
            return "Salesforce: the user lacks read access to Opportunity (" + status + " "
                    + SalesforceApi.messages(error) + ")";
        }
        if (status == 404) {
            return "Salesforce: no REST API v" + config.apiVersion() + " on the org (404 " + SalesforceApi.messages(error)
                    + "): check revloop.sources.salesforce.api-version";
        }
        return "Salesforce: " + failure.getMessage();
    }
}
