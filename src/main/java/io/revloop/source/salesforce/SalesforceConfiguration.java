package io.revloop.source.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
import io.revloop.model.ValueParser;
import io.revloop.security.Redactor;
import io.revloop.source.http.HttpLimits;
import io.revloop.source.http.RemoteJson;
import io.revloop.store.SqlDialect;
import io.revloop.store.SyncStateRepository;
import io.revloop.sync.BatchWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.SalesforceLoginConfig;
import org.apache.camel.component.salesforce.internal.SalesforceSession;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Salesforce source, present only when {@code revloop.sources.salesforce.enabled} is true. There
 * is no camel-salesforce starter, so the component is a bean built from the hub's typed
 * configuration; it logs in lazily, on the first call of a run, so the hub starts without the org.
 */
@Configuration
@ConditionalOnProperty(name = "revloop.sources.salesforce.enabled", havingValue = "true")
public class SalesforceConfiguration {

    @Bean("salesforce")
    public SalesforceComponent salesforceComponent(RevloopProperties properties, HttpLimits limits) {
        return component(properties.sources().salesforce(), limits);
    }

    static SalesforceComponent component(RevloopProperties.Salesforce config, HttpLimits limits) {
        SalesforceLoginConfig login = new SalesforceLoginConfig();
        login.setLoginUrl(config.loginUrl().toString().replaceAll("/+$", ""));
        login.setClientId(config.clientId());
        login.setClientSecret(blankToNull(config.clientSecret().reveal()));
        if (config.refreshToken().isPresent()) {
            login.setRefreshToken(config.refreshToken().reveal());
        } else if (config.jwtKeyFile() != null) {
            KeyStoreParameters keystore = new KeyStoreParameters();
            keystore.setResource("file:" + config.jwtKeyFile().toAbsolutePath());
            keystore.setPassword(blankToNull(config.jwtKeyPassword().reveal()));
            login.setKeystore(keystore);
            login.setUserName(config.username());
        } else {
            login.setUserName(config.username());
            login.setPassword(config.password().reveal());
        }
        login.setLazyLogin(true);

        SalesforceEndpointConfig endpoints = new SalesforceEndpointConfig();
        endpoints.setApiVersion(config.apiVersion());
        endpoints.setRawPayload(true);

        SalesforceComponent component = new SalesforceComponent() {
            /** The session's access token is a secret too: made known to the redactor at every login. */
            @Override
            protected void doStart() throws Exception {
                super.doStart();
                getSession().addListener(new SalesforceSession.SalesforceSessionListener() {
                    @Override
                    public void onLogin(String accessToken, String instanceUrl) {
                        Redactor.register(accessToken);
                    }

                    @Override
                    public void onLogout() {
                        // the old token stays known: it may still appear in late errors
                    }
                });
            }
        };
        component.setLoginConfig(login);
        component.setConfig(endpoints);
        component.setHttpRequestTimeout(config.requestTimeout().toMillis());
        // the component holds each answer's body (a page, a set of bulk results) in memory: bounded here
        component.setHttpMaxContentLength((int) Math.min(Integer.MAX_VALUE, limits.maxResponseSize().toBytes()));
        // a 401 INVALID_SESSION_ID logs in again once, then the call fails
        Map<String, Object> httpClient = new HashMap<>();
        httpClient.put("maxRetries", 1);
        component.setHttpClientProperties(httpClient);
        return component;
    }

    @Bean
    public SalesforceSource salesforceSource(RevloopProperties properties, ProducerTemplate template,
                                             ObjectMapper json, RemoteJson remote, JdbcTemplate jdbc,
                                             SqlDialect dialect,
                                             SyncStateRepository syncState, BatchWriter writer,
                                             TransactionTemplate transactions) {
        RevloopProperties.Salesforce config = properties.sources().salesforce();
        SalesforceMappings mappings = new SalesforceMappings(config);
        SalesforceApi api = new SalesforceApi(template, remote, config.apiVersion(), config.pageSize(),
                config.retries(), config.retryBackoff());
        RecordMapper mapper = new RecordMapper(new ValueParser(properties.timeZone(), properties.baseCurrency()),
                properties.timeZone(), json, mappings);
        return new SalesforceSource(config, api, new BulkResults(remote.limits()),
                new SoqlQueries(mappings, config.multiCurrency()), mapper, new ConversionStore(jdbc, dialect),
                syncState, writer, transactions);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
