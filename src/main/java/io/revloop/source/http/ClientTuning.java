package io.revloop.source.http;

import java.io.IOException;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.Timeout;

/**
 * How an endpoint of {@link HttpJsonClient} (and of the sinks) builds its Apache HttpClient: a
 * response timeout (a server that accepts the request but does not answer in time counts as a failed
 * attempt); none of HttpClient's own retries — by default it repeats a 429 or 503 after the server's
 * {@code Retry-After} however long that is (an hour, for a daily limit) and repeats failed idempotent
 * requests; {@link HttpJsonClient} retries itself, within its bounds — and a cap on the answer's
 * body: camel-http copies a body into memory before anyone reads it, so a body (after
 * decompression) longer than {@code revloop.http.max-response-size}, or announced so by its
 * {@code Content-Length}, fails the request with an {@link AnswerTooLargeException} instead.
 */
public class ClientTuning implements HttpClientConfigurer {

    private final long responseTimeoutMillis;
    private final long maxResponseBytes;

    /**
     * A camel-http endpoint for {@code base} (a URL, or {@code http://name} when each message sets
     * {@code Exchange.HTTP_URI}) that hands every answer back, whatever its status, with this tuning.
     */
    public static String endpoint(String base, java.time.Duration connectTimeout, java.time.Duration readTimeout,
                                  HttpLimits limits) {
        return base + "?throwExceptionOnFailure=false"
                + "&httpConnection.connectTimeout=" + connectTimeout.toMillis()
                + "&httpConnection.socketTimeout=" + readTimeout.toMillis()
                + "&httpClientConfigurer=#class:" + ClientTuning.class.getName() + "(" + readTimeout.toMillis() + ","
                + limits.maxResponseSize().toBytes() + ")";
    }

    public ClientTuning(long responseTimeoutMillis, long maxResponseBytes) {
        this.responseTimeoutMillis = responseTimeoutMillis;
        this.maxResponseBytes = maxResponseBytes;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
        builder.setDefaultRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(responseTimeoutMillis))
                .setRedirectsEnabled(false)
                .build());
        // first in the chain: outside decompression, so the cap counts the bytes camel-http will hold
        builder.addExecInterceptorFirst("revloop-response-cap", this::capped);
    }

    private ClassicHttpResponse capped(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpResponse response = chain.proceed(request, scope);
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return response;
        }
        String limit = "an answer larger than " + HttpLimits.describe(maxResponseBytes)
                + " (revloop.http.max-response-size)";
        // closing a body reads it to its end to keep the connection: an answer cut off drops it instead
        if (entity.getContentLength() > maxResponseBytes) {
            scope.execRuntime.discardEndpoint();
            throw new AnswerTooLargeException(limit + " (Content-Length " + entity.getContentLength() + ")");
        }
        response.setEntity(new HttpEntityWrapper(entity) {
            @Override
            public java.io.InputStream getContent() throws IOException {
                return new CappedInputStream(super.getContent(), maxResponseBytes, limit) {
                    @Override
                    protected void beforeFailing() {
                        scope.execRuntime.discardEndpoint();
                    }
                };
            }

            @Override
            public boolean isStreaming() {
                return true;
            }
        });
        return response;
    }
}
