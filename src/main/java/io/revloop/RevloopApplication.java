package io.revloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RevloopApplication {
    public static void main(String[] args) {
        SpringApplication.run(RevloopApplication.class, args);
    }
}
