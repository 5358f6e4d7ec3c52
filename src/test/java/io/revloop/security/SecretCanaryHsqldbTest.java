package io.revloop.security;

import io.revloop.support.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SecretCanaryHsqldbTest extends SecretCanaryScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        // a new HSQLDB file database takes the password of its first connection: the canary
        configure(registry, "hsqldb", TestDatabase.hsqldb("canary"));
    }
}
