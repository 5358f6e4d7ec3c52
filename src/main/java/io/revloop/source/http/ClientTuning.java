package io.revloop.source.http;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * How {@link HttpJsonClient}'s endpoint builds its Apache HttpClient: a response timeout (a server
 * that accepts the request but does not answer in time counts as a failed attempt), and none of
 * HttpClient's own retries — by default it repeats a 429 or 503 after the server's
 * {@code Retry-After} however long that is (an hour, for a daily limit) and repeats failed
 * idempotent requests; {@link HttpJsonClient} retries itself, within its bounds.
 */
public class ClientTuning implements HttpClientConfigurer {

    private final long responseTimeoutMillis;

    public ClientTuning(long responseTimeoutMillis) {
        this.responseTimeoutMillis = responseTimeoutMillis;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
        builder.setDefaultRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(responseTimeoutMillis))
                .setRedirectsEnabled(false)
                .build());
    }
}
