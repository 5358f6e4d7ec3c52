package io.revloop.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The tokens the hub accepts, kept only as SHA-256 digests. A presented token is hashed and
 * compared with every known digest in constant time ({@link MessageDigest#isEqual}), without
 * stopping at the first match, so the answer time does not tell how close a guess was.
 */
@Component
public class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    /** Who a request acts as: the token's name and role. */
    public record Caller(String name, Role role) {
    }

    private record Known(Caller caller, byte[] sha256) {
    }

    private final List<Known> known = new ArrayList<>();

    public ApiTokens(ApiTokenProperties properties, FirstStartAdminToken firstStart) {
        for (ApiTokenProperties.Token token : properties.tokens()) {
            if (token.isUnset()) {
                log.warn("API token '{}' has no value (its environment variable is not set): it is not accepted",
                        token.name());
                continue;
            }
            byte[] digest = token.value() != null && token.value().isPresent()
                    ? sha256(token.value().reveal()) : HexFormat.of().parseHex(token.sha256().strip().toLowerCase());
            known.add(new Known(new Caller(token.name(), token.role()), digest));
            if (token.value() != null && token.value().isPresent() && token.value().reveal().length() < 20) {
                log.warn("API token '{}' is shorter than 20 characters; use a long random one"
                        + " (e.g. openssl rand -base64 32)", token.name());
            }
        }
        if (known.isEmpty()) {
            FirstStartAdminToken.Generated admin = firstStart.adminToken();
            known.add(new Known(new Caller(admin.name(), Role.ADMIN), admin.sha256()));
        } else {
            firstStart.configuredTokensTakeOver();
        }
    }

    /** The caller a presented token stands for, if any. */
    public Optional<Caller> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        Caller match = null;
        for (Known token : known) {
            if (MessageDigest.isEqual(digest, token.sha256()) && match == null) {
                match = token.caller();
            }
        }
        return Optional.ofNullable(match);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
