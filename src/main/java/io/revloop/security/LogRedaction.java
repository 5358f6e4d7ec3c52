package io.revloop.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Puts the {@link Redactor} in front of every log appender, right after Spring Boot has set up
 * logging (and again once the application has started, for appenders added meanwhile), and makes
 * the secrets of the environment known before any bean logs: properties whose names say they hold
 * a secret (password, secret, token, webhook URL, …), e.g. {@code spring.datasource.password}.
 * Registered in {@code META-INF/spring.factories}.
 */
public class LogRedaction implements GenericApplicationListener {

    /** The last part of a property name that holds a secret: password, client-secret, refresh-token, webhook-url, … */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(.*[._-])?(password|secret|token|webhook-url|webhook_url|private-key|api-key)|.*tokens\\[\\d+]\\.value");

    /** Numbers and flags under such names are limits and switches (min-remaining-tokens), not secrets. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("(?i)[0-9.]+[a-z]{0,2}|true|false");

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationStartedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            registerSecretsOf(prepared.getEnvironment());
        }
        wrapAppenders();
    }

    /** After Spring Boot's logging listener, which (re)configures logback on the same event. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    static void registerSecretsOf(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (SECRET_NAME.matcher(name).matches()) {
                        try {
                            String value = environment.getProperty(name);
                            if (value != null && !PLAIN_VALUE.matcher(value).matches()) {
                                Redactor.register(value);
                            }
                        } catch (RuntimeException unresolvable) {
                            // a placeholder that cannot be resolved holds no secret yet
                        }
                    }
                }
            }
        }
    }

    static void wrapAppenders() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                    Encoder<ILoggingEvent> encoder = appender.getEncoder();
                    if (encoder != null && !(encoder instanceof RedactingEncoder)) {
                        Charset charset = encoder instanceof LayoutWrappingEncoder<ILoggingEvent> wrapping
                                ? wrapping.getCharset() : null;
                        RedactingEncoder redacting = new RedactingEncoder(encoder, charset);
                        redacting.setContext(context);
                        redacting.start();
                        appender.setEncoder(redacting);
                    }
                }
            }
        }
    }
}
