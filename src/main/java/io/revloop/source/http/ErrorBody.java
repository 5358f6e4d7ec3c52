package io.revloop.source.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Message;

/**
 * The start of an answer's body as text, for error messages: at most {@value #MAX_BYTES} bytes are
 * read, whatever the server sends.
 */
public final class ErrorBody {

    static final int MAX_BYTES = 8 * 1024;

    private ErrorBody() {
    }

    /** The body's first {@value #MAX_BYTES} bytes as UTF-8 (a cut character dropped), or null when unreadable. */
    public static String read(Message answer) {
        try (InputStream body = answer.getBody(InputStream.class)) {
            if (body == null) {
                return null;
            }
            byte[] start = body.readNBytes(MAX_BYTES);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(start)).toString();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
