package io.revloop.source.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;

/**
 * An import file opened as text in its character set: the one its byte order mark names (UTF-8,
 * UTF-16 LE or BE), else UTF-8 when the whole file is valid UTF-8 (read once to check), else the
 * configured fallback (Windows-1252 by default, what Excel writes on Windows). The text is decoded
 * strictly: bytes the character set cannot decode fail the read instead of becoming {@code ?}.
 * Symbolic links are not followed, also when the file was swapped for one after the inbox was listed.
 */
record FileEncoding(Charset charset, BufferedReader reader) {

    private static final ByteOrderMark[] MARKS = {ByteOrderMark.UTF_8, ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE};

    static FileEncoding open(Path file, Charset fallback) throws IOException {
        InputStream bytes = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        try {
            BOMInputStream text = BOMInputStream.builder().setInputStream(bytes).setByteOrderMarks(MARKS).get();
            Charset charset = text.hasBOM() ? Charset.forName(text.getBOMCharsetName())
                    : isUtf8(file) ? StandardCharsets.UTF_8 : fallback;
            return new FileEncoding(charset, new BufferedReader(new InputStreamReader(text, charset.newDecoder())));
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    private static boolean isUtf8(Path file) throws IOException {
        try (Reader utf8 = new InputStreamReader(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                StandardCharsets.UTF_8.newDecoder())) {
            char[] chunk = new char[65_536];
            while (utf8.read(chunk) >= 0) {
                // decoding is the check
            }
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }
}
