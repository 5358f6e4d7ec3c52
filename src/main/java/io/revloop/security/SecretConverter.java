package io.revloop.security;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Binds {@code revloop.*} secret settings to {@link Secret}, which registers them with the redactor. */
@Component
@ConfigurationPropertiesBinding
public class SecretConverter implements Converter<String, Secret> {

    @Override
    public Secret convert(String value) {
        return Secret.of(value);
    }
}
