package io.revloop.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP(S) through Camel's {@code camel-http} component, with the mechanics every REST
 * connector needs: a bearer token, a request rate kept by token buckets, bounded retries with
 * exponential backoff on 5xx and timeouts, {@code 429} honouring {@code Retry-After}, one token
 * refresh on {@code 401}. Status codes are read here ({@code throwExceptionOnFailure=false}).
 *
 * <p>All requests go through one endpoint (the base URL); the path and query of each request
 * travel in headers, so paging does not create an endpoint per page. The token is sent as a header,
 * never in a URI, and is cut out of every error message. Answers are read within
 * {@link HttpLimits}: one beyond them fails at once, without retries.
 */
public final class HttpJsonClient {

    private static final Logger log = LoggerFactory.getLogger(HttpJsonClient.class);
    private static final int MAX_ERROR_TEXT = 500;

    /**
     * Where and how to call: {@code system} names the server in messages ("HubSpot"),
     * {@code credentialsHint} tells the reader of a 401 which setting to check.
     */
    public record Settings(String system, URI baseUrl, Duration connectTimeout, Duration readTimeout,
                           RetryPolicy retry, String credentialsHint, Map<String, String> headers,
                           java.util.function.Predicate<String> throttled) {

        public Settings(String system, URI baseUrl, Duration connectTimeout, Duration readTimeout, RetryPolicy retry,
                        String credentialsHint) {
            this(system, baseUrl, connectTimeout, readTimeout, retry, credentialsHint, Map.of(), body -> false);
        }

        public Settings(String system, URI baseUrl, Duration connectTimeout, Duration readTimeout, RetryPolicy retry,
                        String credentialsHint, Map<String, String> headers) {
            this(system, baseUrl, connectTimeout, readTimeout, retry, credentialsHint, headers, body -> false);
        }
    }

    private final ProducerTemplate template;
    private final Settings settings;
    private ResponseObserver observer = headers -> { };

    /** Sees the headers of every successful answer, e.g. to slow down before a limit is reached. */
    @FunctionalInterface
    public interface ResponseObserver {
        void answered(java.util.function.Function<String, String> header) throws InterruptedException;
    }
    private final BearerToken token;
    private final TokenBucket rate;
    private final RemoteJson json;
    private final String endpoint;

    /** How a successful answer's body is read. */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    public HttpJsonClient(ProducerTemplate template, Settings settings, BearerToken token, TokenBucket rate,
                          RemoteJson json) {
        this.template = template;
        this.settings = settings;
        this.token = token;
        this.rate = rate;
        this.json = json;
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        this.endpoint = ClientTuning.endpoint(base, settings.connectTimeout(), settings.readTimeout(), json.limits());
    }

    /** Lets {@code observer} see the headers of every successful answer of this client. */
    public HttpJsonClient observing(ResponseObserver observer) {
        this.observer = observer;
        return this;
    }

    /** GET {@code path} with the query parameters (in order; null values left out); also waits for {@code limits}. */
    public JsonNode get(String path, Map<String, String> query, TokenBucket... limits) throws InterruptedException {
        return exchange("GET", path, queryString(query), null, json::read, limits);
    }

    /**
     * GET {@code path} with a query string sent as given, for APIs whose syntax URL encoding would break
     * (LinkedIn's Rest.li {@code List(…)} and {@code (start:(…))}); also waits for {@code limits}.
     */
    public JsonNode getWithRawQuery(String path, String rawQuery, TokenBucket... limits) throws InterruptedException {
        return exchange("GET", path, rawQuery, null, json::read, limits);
    }

    /** POST {@code body} as JSON to {@code path}; also waits for {@code limits}. */
    public JsonNode post(String path, Object body, TokenBucket... limits) throws InterruptedException {
        return post(path, Map.of(), body, limits);
    }

    /** POST {@code body} as JSON to {@code path} with query parameters; also waits for {@code limits}. */
    public JsonNode post(String path, Map<String, String> query, Object body, TokenBucket... limits)
            throws InterruptedException {
        return exchange("POST", path, query.isEmpty() ? null : queryString(query), asJson(body), json::read, limits);
    }

    /** PUT {@code body} as JSON to {@code path}; also waits for {@code limits}. */
    public JsonNode put(String path, Object body, TokenBucket... limits) throws InterruptedException {
        return exchange("PUT", path, null, asJson(body), json::read, limits);
    }

    /**
     * POST {@code body} as JSON to {@code path}, whose answer is a JSON array: each element goes to
     * {@code elements} as soon as it is read, before the next one is (a stream of batches).
     */
    public void postForEach(String path, Object body, Consumer<JsonNode> elements, TokenBucket... limits)
            throws InterruptedException {
        exchange("POST", path, null, asJson(body), answer -> {
            json.forEachElement(answer, elements);
            return null;
        }, limits);
    }

    private byte[] asJson(Object body) {
        try {
            return json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        }
    }

    private <T> T exchange(String method, String path, String query, byte[] body, BodyReader<T> reader,
                           TokenBucket... limits) throws InterruptedException {
        String request = method + " " + path + (query == null ? "" : "?" + query);
        boolean refreshed = false;
        for (int retry = 0; ; retry++) {
            rate.acquire();
            for (TokenBucket limit : limits) {
                limit.acquire();
            }
            Exchange answer = template.send(endpoint, ExchangePattern.InOut, exchange -> {
                Message in = exchange.getIn();
                in.setHeader(Exchange.HTTP_METHOD, method);
                in.setHeader(Exchange.HTTP_PATH, path);
                if (query != null) {
                    in.setHeader(Exchange.HTTP_QUERY, query);
                }
                in.setHeader("Authorization", "Bearer " + token.value());
                in.setHeader("Accept", "application/json");
                settings.headers().forEach(in::setHeader);
                if (body != null) {
                    in.setHeader(Exchange.CONTENT_TYPE, "application/json");
                    in.setBody(body);
                }
            });
            Message out = answer.getMessage();
            Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            Exception failure = answer.getException();
            if (failure == null && status != null && status >= 200 && status < 300) {
                observer.answered(name -> out.getHeader(name, String.class));
                return read(out, request, reader);
            }
            AnswerTooLargeException tooLarge = AnswerTooLargeException.in(failure);
            if (tooLarge != null) {
                throw new IllegalStateException(settings.system() + " answered " + request + " with "
                        + tooLarge.getMessage() + "; not retried");
            }
            String answerText = failure != null ? null : ErrorBody.read(out);
            String problem = failure != null ? "no answer (" + failure.getClass().getSimpleName() + ": "
                    + redact(String.valueOf(failure.getMessage())) + ")" : "status " + status + errorText(answerText);
            if (failure == null && status == 401) {
                if (!refreshed && token.refresh()) {
                    refreshed = true;
                    retry--;
                    continue;
                }
                throw new AuthenticationException(settings.system() + " refused the credentials: " + request
                        + " answered " + problem + "; " + settings.credentialsHint());
            }
            // a server that signals throttling in a 4xx body (Meta's codes 4, 17, 80004) is backed off like a 429
            boolean retryable = failure != null || status == 429 || status >= 500
                    || (answerText != null && settings.throttled().test(answerText));
            if (!retryable) {
                throw new HttpStatusException(status, settings.system() + " answered " + request + " with " + problem);
            }
            if (retry >= settings.retry().maxRetries()) {
                throw new HttpStatusException(status == null ? 0 : status, settings.system() + ": " + request
                        + " still failed after " + retry + " retries: " + problem, failure);
            }
            Duration retryAfter = status != null && status == 429 ? retryAfter(out) : null;
            if (settings.retry().waitsTooLong(retryAfter)) {
                throw new HttpStatusException(status, settings.system() + ": " + request + " got " + problem
                        + " and asks to wait " + retryAfter.toSeconds() + " s (Retry-After), longer than the"
                        + " longest backoff; the next run goes on from the cursor");
            }
            Duration wait = settings.retry().delay(retry + 1, retryAfter);
            log.warn("{}: {} got {}; retry {} of {} in {} ms", settings.system(), request, problem, retry + 1,
                    settings.retry().maxRetries(), wait.toMillis());
            Thread.sleep(wait.toMillis());
        }
    }

    private <T> T read(Message out, String request, BodyReader<T> reader) {
        try (InputStream stream = out.getBody(InputStream.class)) {
            return reader.read(stream);
        } catch (IOException e) {
            AnswerTooLargeException tooLarge = AnswerTooLargeException.in(e);
            throw new IllegalStateException(settings.system() + " answered " + request + " with "
                    + (tooLarge != null ? tooLarge.getMessage() : "malformed JSON: " + e.getMessage()), e);
        }
    }

    /** The error's own message from a JSON error body (or the start of the body), without the token. */
    private String errorText(String body) {
        String text = body;
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            JsonNode error = json.mapper().readTree(text);
            StringJoiner parts = new StringJoiner(", ");
            for (String field : List.of("category", "errorType", "policyName", "message")) {
                if (error.hasNonNull(field)) {
                    parts.add(error.get(field).asText());
                }
            }
            // Google's [{"error": {...}}] and Meta's {"error": {"message", "code"}}
            JsonNode nested = (error.isArray() && !error.isEmpty() ? error.get(0) : error).path("error");
            if (nested.hasNonNull("message")) {
                parts.add(nested.get("message").asText());
            }
            if (parts.length() > 0) {
                text = parts.toString();
            }
        } catch (IOException notJson) {
            // the raw text is what there is
        }
        text = redact(text);
        return ": " + (text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text);
    }

    private String redact(String text) {
        String secret = token.value();
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Message out) {
        String value = out.getHeader("Retry-After", String.class);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        StringJoiner joined = new StringJoiner("&");
        query.forEach((name, value) -> {
            if (value != null) {
                joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.length() == 0 ? null : joined.toString();
    }
}
