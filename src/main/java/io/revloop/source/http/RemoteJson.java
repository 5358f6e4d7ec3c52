package io.revloop.source.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The one JSON configuration every connector reads remote answers with: the application's mapper
 * (same serialisation of request bodies), decimals as {@link java.math.BigDecimal} (money and rates
 * stay exact), and Jackson's {@link StreamReadConstraints} — a document at most
 * {@code revloop.http.max-document-size}, nesting at most {@value #MAX_NESTING} deep, a string at most
 * {@value #MAX_STRING} characters. A document beyond them ends the read with an
 * {@link AnswerTooLargeException} before it is held as objects.
 */
@Component
public final class RemoteJson {

    static final int MAX_NESTING = 64;
    static final int MAX_STRING = 1_000_000;
    private static final int MAX_NAME = 1_000;
    private static final int MAX_NUMBER = 100;

    private final ObjectMapper documents;
    private final ObjectMapper streams;
    private final HttpLimits limits;

    public RemoteJson(ObjectMapper json, HttpLimits limits) {
        this.limits = limits;
        this.documents = constrained(json, limits.maxDocumentSize().toBytes());
        // a stream of documents (a JSON array read element by element) may be as long as the answer
        this.streams = constrained(json, limits.maxResponseSize().toBytes());
    }

    private static ObjectMapper constrained(ObjectMapper json, long maxDocument) {
        ObjectMapper mapper = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(maxDocument)
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(MAX_STRING)
                .maxNameLength(MAX_NAME)
                .maxNumberLength(MAX_NUMBER)
                .build());
        return mapper;
    }

    /** The mapper, for request bodies and nodes built by hand; reading with it keeps the limits. */
    public ObjectMapper mapper() {
        return documents;
    }

    public HttpLimits limits() {
        return limits;
    }

    /** One JSON document; a missing node for an empty body. */
    public JsonNode read(InputStream body) throws IOException {
        try {
            JsonNode node = body == null ? null : documents.readTree(body);
            return node == null ? documents.missingNode() : node;
        } catch (StreamConstraintsException beyond) {
            throw tooLarge(beyond);
        }
    }

    /**
     * A JSON array read element by element: each element, at most {@code max-document-size} (to within
     * the parser's read-ahead), goes to {@code elements} before the next one is read, so only one is
     * held at a time.
     */
    public void forEachElement(InputStream body, Consumer<JsonNode> elements) throws IOException {
        if (body == null) {
            throw new IOException("no body, expected a JSON array");
        }
        CappedInputStream capped = new CappedInputStream(body, limits.maxDocumentSize().toBytes(),
                documentTooLarge());
        try (JsonParser parser = streams.createParser(capped)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected a JSON array, found " + parser.currentToken());
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new IOException("the JSON array ends early");
                }
                JsonNode element = streams.readTree(parser);
                capped.restart();
                elements.accept(element);
            }
        } catch (StreamConstraintsException beyond) {
            throw tooLarge(beyond);
        }
    }

    private AnswerTooLargeException tooLarge(StreamConstraintsException beyond) {
        return new AnswerTooLargeException(beyond.getMessage().contains("MaxDocumentLength") ? documentTooLarge()
                : "a JSON document beyond the parser's limits: " + beyond.getOriginalMessage());
    }

    private String documentTooLarge() {
        return "a JSON document larger than " + HttpLimits.describe(limits.maxDocumentSize().toBytes())
                + " (revloop.http.max-document-size)";
    }
}
