package io.revloop.source.http;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much of a remote API's answer the hub takes ({@code revloop.http.*}), for every source and
 * sink that calls one. camel-http and the Salesforce component hold an answer's body in memory before
 * it is read, so {@code maxResponseSize} is what bounds the heap an answer takes; {@code
 * maxDocumentSize} bounds one JSON document parsed from it (a page; one batch of a Google Ads
 * searchStream, one record of a Salesforce Bulk API result) as it becomes objects.
 */
@Validated
@ConfigurationProperties("revloop.http")
public record HttpLimits(@NotNull DataSize maxResponseSize, @NotNull DataSize maxDocumentSize) {

    public HttpLimits {
        if (maxResponseSize != null && maxResponseSize.toBytes() < 1024) {
            throw new IllegalArgumentException("revloop.http.max-response-size: at least 1KB");
        }
        if (maxDocumentSize != null && maxDocumentSize.toBytes() < 1024) {
            throw new IllegalArgumentException("revloop.http.max-document-size: at least 1KB");
        }
    }

    /** A size as the messages show it: 64MB, 12KB, 900B. */
    public static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B";
    }
}
