package io.revloop.security;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every text the REST API answers passes the {@link Redactor}: whatever a source echoed into an
 * error or a dead letter, no configured secret leaves the hub through the API. Only the API's
 * own JSON converter is changed; connectors and sinks keep the application's ObjectMapper.
 */
@Configuration
class ApiRedaction implements WebMvcConfigurer {

    private final ObjectMapper json;

    ApiRedaction(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        SimpleModule redacting = new SimpleModule("redacting-strings");
        redacting.addSerializer(String.class, new RedactingStringSerializer());
        ObjectMapper redacted = json.copy().registerModule(redacting);
        // the converter keeps the actuator's own mapper for its responses; only the default mapper changes
        converters.forEach(converter -> {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson && jackson.getObjectMapper() == json) {
                jackson.setObjectMapper(redacted);
            }
        });
    }

    private static final class RedactingStringSerializer extends StdSerializer<String> {
        RedactingStringSerializer() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(Redactor.redact(value));
        }
    }
}
