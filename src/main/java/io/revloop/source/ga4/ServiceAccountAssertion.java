package io.revloop.source.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.revloop.security.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token request of a Google service account (RFC 7523 JWT bearer grant): a JWT signed with the
 * account's private key (RS256) from its JSON key file, asking for {@code scope}. The key is read
 * once; it never appears in a message.
 */
final class ServiceAccountAssertion {

    private static final Duration LIFETIME = Duration.ofHours(1);

    private final String clientEmail;
    private final String keyId;
    private final PrivateKey key;
    private final String audience;
    private final String scope;

    ServiceAccountAssertion(Path keyFile, ObjectMapper json, String audience, String scope) {
        JsonNode account;
        try {
            account = json.readTree(Files.readString(keyFile));
        } catch (IOException e) {
            throw new IllegalStateException("revloop.sources.ga4.credentials-file: cannot read " + keyFile + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        this.clientEmail = account.path("client_email").asText(null);
        this.keyId = account.path("private_key_id").asText(null);
        String pem = account.path("private_key").asText(null);
        Redactor.register(pem);
        Redactor.register(keyId);
        if (clientEmail == null || pem == null) {
            throw new IllegalStateException("revloop.sources.ga4.credentials-file: " + keyFile
                    + " is not a service account key (client_email and private_key expected)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", ""));
            this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("revloop.sources.ga4.credentials-file: the private key of " + keyFile
                    + " cannot be read as an RSA key in PKCS#8");
        }
        this.audience = audience;
        this.scope = scope;
    }

    /** The form of a token request, with a fresh assertion. */
    Map<String, String> form() {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientEmail).audience(audience).claim("scope", scope)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("the service account's assertion cannot be signed", e);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        form.put("assertion", jwt.serialize());
        return form;
    }
}
