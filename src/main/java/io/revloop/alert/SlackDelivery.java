package io.revloop.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.revloop.operations.OperationsAlertProperties;
import io.revloop.source.http.AnswerTooLargeException;
import io.revloop.source.http.ClientTuning;
import io.revloop.source.http.ErrorBody;
import io.revloop.source.http.HttpLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the pending alert events to Slack incoming webhooks: events of one webhook are combined into
 * messages of at most {@code alerts-per-message}, oldest first. An event is marked sent only after
 * Slack answered 2xx; otherwise it stays pending and is retried with backoff by the
 * {@code slack-outbox} route (a 429 within {@code max-inline-wait} is waited for at once). Webhook
 * URLs (secrets) go into a request header, never into an endpoint URI, a log line or an error text.
 * Operations events (of a source) go to {@code revloop.alerts.operations.webhook-url}, else the default.
 */
@Component
public class SlackDelivery {

    private static final Logger log = LoggerFactory.getLogger(SlackDelivery.class);
    private static final int INLINE_RETRIES = 3;

    private final SlackProperties settings;
    private final AlertRules rules;
    private final AlertOutbox outbox;
    private final AlertMessages messages;
    private final ProducerTemplate template;
    private final String endpoint;
    private final String operationsWebhook;
    private final Counter delivered;
    private final Counter failed;

    public SlackDelivery(SlackProperties settings, AlertRules rules, AlertOutbox outbox, AlertMessages messages,
                         ProducerTemplate template, HttpLimits limits, OperationsAlertProperties operations,
                         MeterRegistry metrics) {
        this.settings = settings;
        this.rules = rules;
        this.outbox = outbox;
        this.messages = messages;
        this.template = template;
        this.endpoint = ClientTuning.endpoint("http://slack-webhook", settings.timeout(), settings.timeout(), limits);
        this.operationsWebhook = operations.webhookUrl().reveal();
        this.delivered = deliveries(metrics, "sent");
        this.failed = deliveries(metrics, "failed");
        Gauge.builder("revloop.alerts.outbox.pending", outbox, AlertOutbox::pendingCount)
                .description("Alert events Slack has not accepted yet").register(metrics);
    }

    private static Counter deliveries(MeterRegistry metrics, String outcome) {
        return Counter.builder("revloop.alerts.deliveries").description("Slack messages posted, by outcome")
                .tag("outcome", outcome).register(metrics);
    }

    /** The webhook of operations events: their own, else the default; null when none is set. */
    String operationsWebhook() {
        String webhook = operationsWebhook != null && !operationsWebhook.isBlank() ? operationsWebhook
                : settings.webhookUrl().reveal();
        return webhook == null || webhook.isBlank() ? null : webhook.trim();
    }

    /** The webhook of a rule's (or a digest's) messages: its own, else the default; null when none is set. */
    String webhookFor(String rule) {
        String own = rules.find(rule).map(AlertRule::webhookUrl).orElse(null);
        String webhook = own != null ? own : settings.webhookUrl().reveal();
        return webhook == null || webhook.isBlank() ? null : webhook.trim();
    }

    /** Sends what is due; returns how many events Slack accepted. */
    public synchronized int deliverPending() {
        OffsetDateTime now = OffsetDateTime.now();
        Map<String, List<AlertOutbox.Event>> byWebhook = new LinkedHashMap<>();
        List<Long> unaddressed = new ArrayList<>();
        for (AlertOutbox.Event event : outbox.due(now)) {
            String webhook = event.source() != null ? operationsWebhook() : webhookFor(event.rule());
            if (webhook == null) {
                unaddressed.add(event.id());
            } else {
                byWebhook.computeIfAbsent(webhook, w -> new ArrayList<>()).add(event);
            }
        }
        if (!unaddressed.isEmpty()) {
            outbox.markFailed(unaddressed, "no Slack webhook configured: set revloop.sinks.slack.webhook-url",
                    now.plus(settings.maxBackoff()));
        }
        int sent = 0;
        for (Map.Entry<String, List<AlertOutbox.Event>> group : byWebhook.entrySet()) {
            List<AlertOutbox.Event> events = group.getValue();
            for (int i = 0; i < events.size(); i += settings.alertsPerMessage()) {
                List<AlertOutbox.Event> chunk = events.subList(i, Math.min(events.size(), i + settings.alertsPerMessage()));
                List<Long> ids = chunk.stream().map(AlertOutbox.Event::id).toList();
                Outcome outcome = post(group.getKey(), messages.message(chunk));
                if (outcome.accepted()) {
                    delivered.increment();
                    outbox.markSent(ids, OffsetDateTime.now());
                    sent += chunk.size();
                } else {
                    failed.increment();
                    Duration wait = backoff(chunk.get(0).attempts());
                    if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
                        wait = outcome.retryAfter();
                    }
                    log.warn("Slack did not take {} alert event(s) ({}); next attempt in {} s", chunk.size(),
                            outcome.error(), wait.toSeconds());
                    outbox.markFailed(ids, outcome.error(), OffsetDateTime.now().plus(wait));
                    break;
                }
            }
        }
        if (sent > 0) {
            log.info("Slack: {} alert event(s) delivered", sent);
        }
        return sent;
    }

    private Duration backoff(int attempts) {
        Duration wait = settings.backoff().multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private record Outcome(boolean accepted, String error, Duration retryAfter) {
    }

    private Outcome post(String webhook, String body) {
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = postOnce(webhook, body);
            if (outcome.accepted() || outcome.retryAfter() == null || attempt == INLINE_RETRIES
                    || outcome.retryAfter().compareTo(settings.maxInlineWait()) > 0) {
                return outcome;
            }
            try {
                Thread.sleep(outcome.retryAfter().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome;
            }
        }
    }

    private Outcome postOnce(String webhook, String body) {
        Exchange exchange = template.request(endpoint, ex -> {
            ex.getIn().setHeader(Exchange.HTTP_URI, webhook);
            ex.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
            ex.getIn().setBody(body.getBytes(StandardCharsets.UTF_8));
        });
        if (exchange.getException() != null) {
            AnswerTooLargeException tooLarge = AnswerTooLargeException.in(exchange.getException());
            return new Outcome(false, "request failed: " + hide(String.valueOf(tooLarge != null ? tooLarge.getMessage()
                    : exchange.getException().getMessage()), webhook), null);
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status >= 200 && status < 300) {
            return new Outcome(true, null, null);
        }
        Duration retryAfter = null;
        if (status != null && status == 429) {
            retryAfter = retryAfter(exchange.getMessage().getHeader("Retry-After", String.class));
        }
        String answer = ErrorBody.read(exchange.getMessage());
        String text = answer == null ? "" : answer.strip();
        return new Outcome(false, "HTTP " + status + (text.isEmpty() ? "" : " " + hide(abbreviate(text), webhook)),
                retryAfter);
    }

    /** Retry-After in seconds; Slack sends seconds. Anything else: one backoff step. */
    private Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (RuntimeException e) {
            return settings.backoff();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String hide(String text, String webhook) {
        return text.replace(webhook, "<webhook>");
    }
}
