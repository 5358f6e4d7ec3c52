package io.revloop.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * API tokens ({@code revloop.security.tokens}). Each has a name (shown in logs and the audit, never
 * the token), a role, and either the token itself ({@code value}, from the environment) or only its
 * SHA-256 ({@code sha256}, hex). With none configured, the hub makes an admin token at first start
 * (see {@link FirstStartAdminToken}).
 */
@Validated
@ConfigurationProperties("revloop.security")
public record ApiTokenProperties(@NotNull List<@Valid Token> tokens) {

    public ApiTokenProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isUnset()) {
                continue;
            }
            token.validate(i);
            if (!names.add(token.name())) {
                throw new IllegalArgumentException("revloop.security.tokens[" + i + "].name: '" + token.name()
                        + "' is used by another token; names must be unique");
            }
        }
    }

    /** One token: {@code value} or {@code sha256}, not both. */
    public record Token(String name, Role role, Secret value, String sha256) {

        /** An entry whose token comes from an environment variable that is not set: left out (with a warning). */
        public boolean isUnset() {
            return (value == null || !value.isPresent()) && (sha256 == null || sha256.isBlank());
        }

        void validate(int index) {
            String key = "revloop.security.tokens[" + index + "]";
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(key + ".name is required: it names the token in logs and the audit");
            }
            if (role == null) {
                throw new IllegalArgumentException(key + ".role (" + name + ") is required: viewer, operator or admin");
            }
            boolean hasValue = value != null && value.isPresent();
            boolean hasHash = sha256 != null && !sha256.isBlank();
            if (hasValue && hasHash) {
                throw new IllegalArgumentException(key + " (" + name + "): set value or sha256, not both");
            }
            if (hasHash && !sha256.strip().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException(key + ".sha256 (" + name
                        + ") must be the 64 hex digits of the token's SHA-256 (e.g. printf %s \"$TOKEN\" | sha256sum)");
            }
        }
    }
}
