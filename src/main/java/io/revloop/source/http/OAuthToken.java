package io.revloop.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.revloop.security.Redactor;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * An OAuth 2.0 access token from a token endpoint — client credentials (RFC 6749 §4.4) or a refresh
 * token (§6), as the form says — fetched when first needed, again a minute before it expires, and
 * once more when the server answers 401 ({@link #refresh()}). Secrets and the token never appear in
 * messages.
 */
public final class OAuthToken implements BearerToken {

    private static final Duration EARLY = Duration.ofMinutes(1);

    private final ProducerTemplate template;
    private final RemoteJson json;
    private final String tokenUrl;
    private final java.util.function.Supplier<Map<String, String>> form;
    private final String credentialsHint;
    private final String endpoint;
    private String token;
    private Instant expiresAt = Instant.MIN;

    /**
     * {@code form}: {@code grant_type} and its parameters ({@code client_id}, {@code client_secret},
     * {@code scope} or {@code refresh_token}); {@code credentialsHint} names the settings to check when
     * the endpoint refuses them.
     */
    public OAuthToken(ProducerTemplate template, RemoteJson json, String tokenUrl,
                      Map<String, String> form, Duration timeout, String credentialsHint) {
        this(template, json, tokenUrl, () -> form, timeout, credentialsHint);
    }

    /** A form made anew for every token request (a signed JWT assertion that expires, RFC 7523). */
    public OAuthToken(ProducerTemplate template, RemoteJson json, String tokenUrl,
                      java.util.function.Supplier<Map<String, String>> form, Duration timeout, String credentialsHint) {
        this.template = template;
        this.json = json;
        this.tokenUrl = tokenUrl;
        this.form = form;
        this.credentialsHint = credentialsHint;
        this.endpoint = ClientTuning.endpoint("http://oauth-token", timeout, timeout, json.limits());
    }

    @Override
    public synchronized String value() {
        if (token == null || Instant.now().isAfter(expiresAt.minus(EARLY))) {
            fetch();
        }
        return token;
    }

    @Override
    public synchronized boolean refresh() {
        fetch();
        return true;
    }

    private void fetch() {
        StringJoiner body = new StringJoiner("&");
        form.get().forEach((key, value) -> body.add(key + "=" + URLEncoder.encode(value == null ? "" : value,
                StandardCharsets.UTF_8)));
        Exchange answer = template.request(endpoint, ex -> {
            ex.getIn().setHeader(Exchange.HTTP_URI, tokenUrl);
            ex.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getIn().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
            ex.getIn().setHeader("Accept", "application/json");
            ex.getIn().setBody(body.toString().getBytes(StandardCharsets.UTF_8));
        });
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        AnswerTooLargeException tooLarge = AnswerTooLargeException.in(answer.getException());
        if (tooLarge != null) {
            throw new IllegalStateException("the OAuth token endpoint answered with " + tooLarge.getMessage());
        }
        if (answer.getException() != null || status == null) {
            throw new IllegalStateException("the OAuth token endpoint did not answer ("
                    + (answer.getException() == null ? "no status" : answer.getException().getClass().getSimpleName())
                    + ")", answer.getException());
        }
        boolean ok = status >= 200 && status < 300;
        JsonNode reply = ok ? token(answer) : error(answer);
        if (!ok || !reply.hasNonNull("access_token")) {
            String error = reply.path("error").asText("") + " " + reply.path("error_description").asText("");
            throw new AuthenticationException("the OAuth token endpoint refused the credentials (status "
                    + status + (error.isBlank() ? "" : ": " + abbreviate(error.strip())) + "); " + credentialsHint);
        }
        token = reply.get("access_token").asText();
        Redactor.register(token);
        if (reply.hasNonNull("refresh_token")) {
            Redactor.register(reply.get("refresh_token").asText());
        }
        expiresAt = Instant.now().plusSeconds(reply.path("expires_in").asLong(3600));
    }

    private JsonNode token(Exchange answer) {
        try (InputStream body = answer.getMessage().getBody(InputStream.class)) {
            return json.read(body);
        } catch (AnswerTooLargeException e) {
            throw new IllegalStateException("the OAuth token endpoint answered with " + e.getMessage());
        } catch (Exception unreadable) {
            return json.mapper().missingNode();
        }
    }

    /** An error answer, at most its first kilobytes: {@code error} and {@code error_description}. */
    private JsonNode error(Exchange answer) {
        String text = ErrorBody.read(answer.getMessage());
        try {
            return text == null ? json.mapper().missingNode() : json.mapper().readTree(text);
        } catch (Exception unreadable) {
            return json.mapper().missingNode();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
