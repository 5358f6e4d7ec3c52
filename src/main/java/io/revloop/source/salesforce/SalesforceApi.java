package io.revloop.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.revloop.source.http.AnswerTooLargeException;
import io.revloop.source.http.AuthenticationException;
import io.revloop.source.http.HttpLimits;
import io.revloop.source.http.RemoteJson;
import io.revloop.source.http.ServerLinks.UnexpectedLinkException;
import io.revloop.source.http.ServerLinks;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Salesforce REST calls a sync makes, through the camel-salesforce component (raw JSON
 * payloads, no generated DTOs). Login, the token and the one re-login on 401 INVALID_SESSION_ID are
 * the component's; this class adds bounded retries with exponential backoff for 5xx and timeouts,
 * turns REQUEST_LIMIT_EXCEEDED into {@link ApiLimitException} and refused credentials (a login the
 * OAuth endpoint refuses, a 401 after the re-login) into {@link AuthenticationException}, and keeps the
 * org's API usage as the {@code Sforce-Limit-Info} header of the last answer reports it. The component
 * prefixes a {@code nextRecordsUrl} with the instance URL and sends the token with it, so one is
 * followed only in its documented shape; Bulk API locators likewise.
 */
class SalesforceApi {

    private static final Logger log = LoggerFactory.getLogger(SalesforceApi.class);
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
    static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    /** OAuth errors of the login (HTTP 400) that mean the credentials themselves are refused: expired, revoked, wrong. */
    private static final Set<String> REFUSED_LOGIN = Set.of("invalid_grant", "invalid_client", "invalid_client_id",
            "unauthorized_client", "inactive_user", "inactive_org");
    private static final String CREDENTIALS_HINT = "check revloop.sources.salesforce.client-id, client-secret and"
            + " the login set (refresh-token, username and password, or jwt-key-file) — SALESFORCE_* in the environment";

    /** Salesforce's Bulk API 2.0 locators are short base64 strings ("MTAwMDA"). */
    private static final Pattern LOCATOR = Pattern.compile("[A-Za-z0-9+/=_-]{1,200}");

    private final ProducerTemplate template;
    private final RemoteJson json;
    private final String apiVersion;
    private final Pattern nextRecordsUrl;
    private final int pageSize;
    private final int retries;
    private final Duration backoff;
    private volatile ApiUsage usage;

    SalesforceApi(ProducerTemplate template, RemoteJson json, String apiVersion, int pageSize, int retries,
                  Duration backoff) {
        this.template = template;
        this.json = json;
        this.apiVersion = apiVersion;
        // /services/data/v62.0/query/01gD0000002HU6KIAW-2000: the query locator and the offset
        this.nextRecordsUrl = Pattern.compile("/services/data/v" + Pattern.quote(apiVersion)
                + "/query(All)?/[A-Za-z0-9]{15,18}-[0-9]{1,10}");
        this.pageSize = pageSize;
        this.retries = retries;
        this.backoff = backoff;
    }

    /** The org's daily API requests: used and allowed, as of the last answer. */
    record ApiUsage(long used, long max) {
        double share() {
            return max == 0 ? 1.0 : (double) used / max;
        }
    }

    /** GET /limits; also sets the usage from its DailyApiRequests. */
    ApiUsage limits() {
        JsonNode limits = call("limits", null);
        JsonNode daily = limits.path("DailyApiRequests");
        if (!daily.has("Max")) {
            throw new SalesforceApiException("the /limits answer has no DailyApiRequests");
        }
        long max = daily.get("Max").asLong();
        usage = new ApiUsage(max - daily.path("Remaining").asLong(), max);
        return usage;
    }

    /** The first page of a SOQL query over live records and, with {@code includeDeleted}, deleted ones too (queryAll). */
    JsonNode query(String soql, boolean includeDeleted) {
        return call(includeDeleted ? "queryAll" : "query", soql);
    }

    /** The page at a {@code nextRecordsUrl}, which must be a query locator's path on the instance. */
    JsonNode queryMore(String next) {
        if (!nextRecordsUrl.matcher(next).matches()) {
            throw new UnexpectedLinkException("Salesforce answered a nextRecordsUrl that is not a query locator's"
                    + " path ('" + ServerLinks.printable(next) + "', expected /services/data/v" + apiVersion
                    + "/query/<locator>-<offset>); no request was sent to it");
        }
        return call("queryMore", next);
    }

    /** The usage the last answer reported, or null before the first. */
    ApiUsage usage() {
        return usage;
    }

    /** Creates a Bulk API 2.0 query job (queryAll with {@code includeDeleted}) and returns its id. */
    String createQueryJob(String soql, boolean includeDeleted) {
        QueryJob job = new QueryJob();
        job.setQuery(soql);
        job.setOperation(includeDeleted ? OperationEnum.QUERY_ALL : OperationEnum.QUERY);
        return send("bulk2CreateQueryJob", job, Map.of()).getMessage().getBody(QueryJob.class).getId();
    }

    /** The state of a Bulk API 2.0 query job, and its error message when it failed. */
    QueryJob queryJob(String jobId) {
        return send("bulk2GetQueryJob", null, Map.of("jobId", jobId)).getMessage().getBody(QueryJob.class);
    }

    /** Reads one set of a job's results, CSV. */
    @FunctionalInterface
    interface ResultsReader {
        void read(InputStream csv) throws IOException;
    }

    /** Hands a set of a completed job's results to {@code reader}; returns the next set's locator (null: no more). */
    String queryJobResults(String jobId, String locator, int maxRecords, ResultsReader reader) {
        Map<String, Object> headers = new java.util.HashMap<>(Map.of("jobId", jobId, "maxRecords", maxRecords));
        if (locator != null) {
            headers.put("locator", locator);
        }
        Exchange exchange = send("bulk2GetQueryJobResults", null, headers);
        String next = exchange.getMessage().getHeader("Sforce-Locator", String.class);
        try (InputStream body = exchange.getMessage().getBody(InputStream.class)) {
            reader.read(body == null ? InputStream.nullInputStream() : body);
        } catch (AnswerTooLargeException e) {
            throw new SalesforceApiException("bulk query job " + jobId + " results: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SalesforceApiException("unreadable bulk query results: " + e.getMessage(), e);
        }
        if (next == null || next.isBlank() || next.equals("null")) {
            return null;
        }
        if (!LOCATOR.matcher(next).matches()) {
            throw new UnexpectedLinkException("Salesforce answered a Sforce-Locator that is not a Bulk API locator ('"
                    + ServerLinks.printable(next) + "'); no request was sent with it");
        }
        return next;
    }

    private JsonNode call(String operation, String body) {
        return read(send(operation, body, Map.of()));
    }

    /** Calls {@code operation} until it succeeds, fails for good, or has used its retries. */
    private Exchange send(String operation, Object body, Map<String, Object> headers) {
        for (int attempt = 0; ; attempt++) {
            Exchange exchange = template.send("salesforce:" + operation + "?rawPayload=true", e -> {
                e.getIn().setBody(body);
                e.getIn().setHeader("Sforce-Query-Options", "batchSize=" + pageSize);
                e.getIn().getHeaders().putAll(headers);
            });
            noteUsage(exchange.getMessage().getHeader("Sforce-Limit-Info", String.class));
            Exception failure = exchange.getException();
            if (failure == null) {
                return exchange;
            }
            if (bufferFull(failure)) {
                throw new SalesforceApiException(operation + " answered with an answer larger than "
                        + HttpLimits.describe(json.limits().maxResponseSize().toBytes())
                        + " (revloop.http.max-response-size)", failure);
            }
            SalesforceException error = salesforceCause(failure);
            if (error != null && refusesCredentials(error)) {
                throw new AuthenticationException("Salesforce refused the credentials: " + describe(failure, error)
                        + "; " + CREDENTIALS_HINT);
            }
            if (error != null && hasErrorCode(error, REQUEST_LIMIT_EXCEEDED)) {
                throw new ApiLimitException(REQUEST_LIMIT_EXCEEDED + ": " + messages(error));
            }
            if (!isTransient(failure, error) || attempt >= retries) {
                throw new SalesforceApiException(operation + " failed" + (attempt > 0 ? " after " + (attempt + 1)
                        + " attempts" : "") + ": " + describe(failure, error), failure);
            }
            Duration wait = backoff.multipliedBy(1L << attempt);
            log.warn("salesforce {} failed ({}); retry {} of {} in {} ms", operation, describe(failure, error),
                    attempt + 1, retries, wait.toMillis());
            sleep(wait);
        }
    }

    private JsonNode read(Exchange exchange) {
        try (InputStream body = exchange.getMessage().getBody(InputStream.class)) {
            if (body == null) {
                throw new SalesforceApiException("Salesforce answered without a body");
            }
            return json.read(body);
        } catch (AnswerTooLargeException e) {
            throw new SalesforceApiException("Salesforce answered with " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SalesforceApiException("unreadable answer from Salesforce: " + e.getMessage(), e);
        }
    }

    private void noteUsage(String limitInfo) {
        if (limitInfo == null) {
            return;
        }
        Matcher matcher = API_USAGE.matcher(limitInfo);
        if (matcher.find()) {
            usage = new ApiUsage(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
    }

    /** Jetty's buffer of the answer (the component's {@code httpMaxContentLength}) overflowed. */
    private static boolean bufferFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException
                    && String.valueOf(t.getMessage()).startsWith("Buffering capacity")) {
                return true;
            }
        }
        return false;
    }

    static SalesforceException salesforceCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException salesforce) {
                return salesforce;
            }
        }
        return null;
    }

    private static boolean isTransient(Throwable failure, SalesforceException error) {
        if (error != null && error.getStatusCode() >= 500) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** A 401 that survived the component's one re-login, or a login the OAuth endpoint refused. */
    private static boolean refusesCredentials(SalesforceException error) {
        return error.getStatusCode() == 401 || (error.getStatusCode() == 400 && error.getErrors() != null
                && error.getErrors().stream().anyMatch(e -> REFUSED_LOGIN.contains(e.getErrorCode())));
    }

    private static boolean hasErrorCode(SalesforceException error, String code) {
        List<RestError> errors = error.getErrors();
        return errors != null && errors.stream().anyMatch(e -> code.equals(e.getErrorCode()));
    }

    static String messages(SalesforceException error) {
        List<RestError> errors = error.getErrors();
        if (errors == null || errors.isEmpty()) {
            return String.valueOf(error.getMessage());
        }
        return String.join("; ", errors.stream().map(e -> e.getErrorCode() + " " + e.getMessage()).toList());
    }

    private static String describe(Throwable failure, SalesforceException error) {
        if (error == null) {
            return failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        return (error.getStatusCode() > 0 ? "HTTP " + error.getStatusCode() + " " : "") + messages(error);
    }

    static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceApiException("interrupted while waiting to retry", e);
        }
    }

    /** A call that failed for good (after its retries, or at once when retrying cannot help). */
    static class SalesforceApiException extends RuntimeException {
        SalesforceApiException(String message) {
            super(message);
        }

        SalesforceApiException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The org's API limit is reached: the run stops, resumable from its committed cursors. */
    static class ApiLimitException extends RuntimeException {
        ApiLimitException(String message) {
            super(message);
        }
    }
}
