package io.revloop.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.client.RestTemplateRequestCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * Makes the {@code TestRestTemplate} of every test context call the API as the test admin, the way
 * a script calls it with its token. A request that sets its own Authorization header keeps it.
 */
@AutoConfiguration
public class TestTokensAutoConfiguration {

    @Bean
    RestTemplateRequestCustomizer<?> testAdminToken() {
        return request -> {
            if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().set(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.ADMIN));
            }
        };
    }
}
