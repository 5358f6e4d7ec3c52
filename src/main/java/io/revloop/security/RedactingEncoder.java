package io.revloop.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Wraps the encoder of a log appender so that every line it writes — message, arguments, stack
 * trace — passes through the {@link Redactor} first.
 */
final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private final Encoder<ILoggingEvent> delegate;
    private final Charset charset;

    RedactingEncoder(Encoder<ILoggingEvent> delegate, Charset charset) {
        this.delegate = delegate;
        this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
    }

    Encoder<ILoggingEvent> delegate() {
        return delegate;
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = delegate.encode(event);
        if (encoded == null || encoded.length == 0) {
            return encoded;
        }
        String line = new String(encoded, charset);
        return Redactor.containsSecret(line) ? Redactor.redact(line).getBytes(charset) : encoded;
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public void start() {
        if (!delegate.isStarted()) {
            delegate.start();
        }
        super.start();
    }
}
