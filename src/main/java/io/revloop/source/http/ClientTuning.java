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

    /**
     * A camel-http endpoint for {@code base} (a URL, or {@code http://name} when each message sets
     * {@code Exchange.HTTP_URI}) that hands every answer back, whatever its status, with this tuning.
     */
    public static String endpoint(String base, java.time.Duration connectTimeout, java.time.Duration readTimeout) {
        return base + "?throwExceptionOnFailure=false"
                + "&httpConnection.connectTimeout=" + connectTimeout.toMillis()
                + "&httpConnection.socketTimeout=" + readTimeout.toMillis()
                + "&httpClientConfigurer=#class:" + ClientTuning.class.getName() + "(" + readTimeout.toMillis() + ")";
    }

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
