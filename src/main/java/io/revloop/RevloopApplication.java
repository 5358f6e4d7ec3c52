package io.revloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import java.time.Clock;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RevloopApplication {
    public static void main(String[] args) {
        SpringApplication.run(RevloopApplication.class, args);
    }

    /** The time the hub judges staleness by (tests move it forward). */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
