package io.revloop.sink.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.kpi.KpiComputer;
import io.revloop.kpi.KpiValueStore;
import io.revloop.kpi.KpisComputed;
import io.revloop.source.http.ClientTuning;
import io.revloop.source.http.HttpLimits;
import io.revloop.source.http.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * After each compute, POSTs the KPI values it wrote (new or restated current values) to
 * {@code revloop.sinks.webhook.url} as JSON, {@code batch-size} values per request, each signed with
 * its timestamp ({@link WebhookSignature}) when a {@code secret} is set. 5xx, 429 and timeouts are
 * retried with backoff, under the same delivery id and signed anew; a webhook that keeps failing is
 * logged and left — the compute and the other sinks go on. The URL may hold a token: it travels in a
 * header of one fixed endpoint and appears in no log line.
 */
@Component
public class KpiWebhook {

    public static final String SIGNATURE_HEADER = WebhookSignature.SIGNATURE_HEADER;
    public static final String BODY_SIGNATURE_HEADER = WebhookSignature.BODY_SIGNATURE_HEADER;
    public static final String TIMESTAMP_HEADER = WebhookSignature.TIMESTAMP_HEADER;
    public static final String DELIVERY_HEADER = WebhookSignature.DELIVERY_HEADER;
    private static final Logger log = LoggerFactory.getLogger(KpiWebhook.class);

    private final WebhookProperties settings;
    private final KpiValueStore values;
    private final RetryPolicy retries;
    private final ObjectMapper json;
    private final ProducerTemplate template;
    private final String endpoint;
    private final WebhookSignature signature;

    public KpiWebhook(WebhookProperties settings, KpiValueStore values, ObjectMapper json, ProducerTemplate template,
                      HttpLimits limits) {
        this.settings = settings;
        this.values = values;
        this.json = json;
        this.template = template;
        this.endpoint = ClientTuning.endpoint("http://kpi-webhook", settings.timeout(), settings.timeout(), limits);
        this.retries = new RetryPolicy(settings.maxRetries(), settings.backoff(), settings.maxBackoff());
        this.signature = new WebhookSignature(settings.secret().reveal(), settings.previousSecret().reveal(),
                settings.legacySignature());
        startWarnings(settings).forEach(log::warn);
    }

    /** What an operator should fix about an enabled webhook: plain HTTP beyond this machine, no secret. */
    static List<String> startWarnings(WebhookProperties settings) {
        List<String> warnings = new ArrayList<>();
        if (!settings.enabled()) {
            return warnings;
        }
        URI url;
        try {
            url = new URI(settings.url().reveal().trim());
        } catch (URISyntaxException malformed) {
            // the URL may hold a token: not repeated in the message
            throw new IllegalArgumentException("revloop.sinks.webhook.url: not a URL");
        }
        if ("http".equalsIgnoreCase(url.getScheme()) && !isLoopback(url.getHost())) {
            warnings.add("KPI webhook: revloop.sinks.webhook.url is plain http:// to another machine: the values"
                    + " and their signature travel unencrypted; use https://");
        }
        if (!settings.secret().isPresent()) {
            warnings.add("KPI webhook: revloop.sinks.webhook.secret is empty: requests are not signed, and a"
                    + " receiver cannot tell them from forged or replayed ones");
        }
        return warnings;
    }

    private static boolean isLoopback(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost")
                || name.matches("127\\.\\d+\\.\\d+\\.\\d+") || name.equals("[::1]");
    }

    @EventListener
    @Order(150)
    public void afterCompute(KpisComputed computed) {
        if (!settings.enabled() || computed.summary().written() == 0) {
            return;
        }
        try {
            send(computed.summary());
        } catch (RuntimeException e) {
            log.error("KPI webhook: the values of the compute at {} were not delivered: {}",
                    computed.summary().computedAt(), e.getMessage());
        }
    }

    /** One value as the webhook's JSON shows it. */
    record Value(String kpi, String grain, String periodStart, String dimension, String dimensionValue,
                 BigDecimal value, BigDecimal numerator, BigDecimal denominator, boolean complete) {
    }

    /** Sends the compute's values in batches; stops at the first batch the webhook does not take. */
    public void send(KpiComputer.Summary summary) {
        long total = summary.written();
        int parts = (int) ((total + settings.batchSize() - 1) / settings.batchSize());
        List<Value> batch = new ArrayList<>(settings.batchSize());
        int[] part = {0};
        values.forEachWrittenAt(summary.computedAt(), value -> {
            batch.add(new Value(value.kpi(), value.grain().id(), value.periodStart().toString(),
                    value.dimension() == null ? null : value.dimension().id(), value.dimensionValue(),
                    value.result().value(), value.result().numerator(), value.result().denominator(),
                    value.complete()));
            if (batch.size() == settings.batchSize()) {
                post(body(summary, ++part[0], parts, batch));
                batch.clear();
            }
        });
        if (!batch.isEmpty() || part[0] == 0) {
            post(body(summary, ++part[0], Math.max(parts, 1), batch));
        }
    }

    private byte[] body(KpiComputer.Summary summary, int part, int parts, List<Value> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("event", "kpis.computed");
            generator.writeStringField("computedAt", summary.computedAt().toString());
            generator.writeStringField("from", summary.from() == null ? null : summary.from().toString());
            generator.writeNumberField("part", part);
            generator.writeNumberField("parts", parts);
            generator.writeFieldName("values");
            json.writeValue(generator, values);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void post(byte[] body) {
        String delivery = UUID.randomUUID().toString();
        for (int attempt = 0; ; attempt++) {
            Map<String, String> signed = signature.headers(delivery, Instant.now().getEpochSecond(), body);
            Exchange exchange = template.request(endpoint, ex -> {
                ex.getIn().setHeader(Exchange.HTTP_URI, settings.url().reveal().trim());
                ex.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
                ex.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
                signed.forEach(ex.getIn()::setHeader);
                ex.getIn().setBody(body);
            });
            Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (exchange.getException() == null && status != null && status >= 200 && status < 300) {
                return;
            }
            boolean retriable = exchange.getException() != null || status == null || status == 429 || status >= 500;
            String problem = exchange.getException() != null ? "request failed ("
                    + exchange.getException().getClass().getSimpleName() + ")" : "HTTP " + status;
            if (!retriable || attempt >= settings.maxRetries()) {
                throw new IllegalStateException("the webhook answered " + problem + " after " + (attempt + 1)
                        + " attempt(s)");
            }
            String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
            Duration wait = retries.delay(attempt + 1, status != null && status == 429 && retryAfter != null
                    && retryAfter.trim().matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(retryAfter.trim())) : null);
            if (retries.waitsTooLong(wait)) {
                wait = settings.maxBackoff();
            }
            log.warn("KPI webhook: {}; retry {} of {} in {} ms", problem, attempt + 1, settings.maxRetries(),
                    wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry the webhook", e);
            }
        }
    }
}
