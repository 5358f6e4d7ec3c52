package io.revloop.sink.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The headers that let a receiver check that a KPI webhook request comes from the hub and is not a
 * replay (docs/sinks.md): {@code X-Revloop-Timestamp} (unix seconds of the attempt),
 * {@code X-Revloop-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">} — one {@code v1=} entry
 * per secret while a previous one is still accepted — and, for receivers of the first scheme,
 * {@code X-Revloop-Signature-256: sha256=<hex HMAC-SHA256 of the body>}. {@code X-Revloop-Delivery}
 * names the request, the same in all its attempts, for receivers to drop a second copy.
 */
final class WebhookSignature {

    static final String TIMESTAMP_HEADER = "X-Revloop-Timestamp";
    static final String SIGNATURE_HEADER = "X-Revloop-Signature";
    static final String BODY_SIGNATURE_HEADER = "X-Revloop-Signature-256";
    static final String DELIVERY_HEADER = "X-Revloop-Delivery";

    private final List<String> secrets = new ArrayList<>();
    private final boolean bodySignature;

    /** {@code secret} signs; {@code previousSecret}, while set, signs too (rotation); blank ones are left out. */
    WebhookSignature(String secret, String previousSecret, boolean bodySignature) {
        for (String key : new String[] {secret, previousSecret}) {
            if (key != null && !key.isBlank()) {
                secrets.add(key);
            }
        }
        this.bodySignature = bodySignature;
    }

    /** The headers of one attempt to deliver {@code body} as request {@code delivery} at {@code timestamp}. */
    Map<String, String> headers(String delivery, long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DELIVERY_HEADER, delivery);
        headers.put(TIMESTAMP_HEADER, Long.toString(timestamp));
        if (secrets.isEmpty()) {
            return headers;
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner signatures = new StringJoiner(",");
        for (String secret : secrets) {
            signatures.add("v1=" + hmac(secret, prefix, body));
        }
        headers.put(SIGNATURE_HEADER, signatures.toString());
        if (bodySignature) {
            headers.put(BODY_SIGNATURE_HEADER, "sha256=" + hmac(secrets.get(0), new byte[0], body));
        }
        return headers;
    }

    private static String hmac(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
