package io.revloop.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * API tokens of the test hubs: one per role, configured in every application context of the test
 * JVM (lowest precedence), unless a test starts the hub as a first start without tokens
 * ({@code test.first-start=true}). The autowired {@code TestRestTemplate} sends the admin token
 * (see {@link TestTokensAutoConfiguration}); tests of roles send the others themselves.
 */
public class TestTokens implements EnvironmentPostProcessor {

    public static final String VIEWER = "test-viewer-token-0123456789abcdef";
    public static final String OPERATOR = "test-operator-token-0123456789abcdef";
    public static final String ADMIN = "test-admin-token-0123456789abcdef";
    public static final String FIRST_START = "test.first-start";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(FIRST_START, Boolean.class, false)) {
            return;
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        token(tokens, 0, "test-viewer", "viewer", VIEWER);
        token(tokens, 1, "test-operator", "operator", OPERATOR);
        token(tokens, 2, "test-admin", "admin", ADMIN);
        environment.getPropertySources().addLast(new MapPropertySource("test-tokens", tokens));
    }

    private static void token(Map<String, Object> tokens, int index, String name, String role, String value) {
        String key = "revloop.security.tokens[" + index + "].";
        tokens.put(key + "name", name);
        tokens.put(key + "role", role);
        tokens.put(key + "value", value);
    }

    /** The Authorization header value of a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
