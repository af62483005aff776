package io.consentline.consent.domain.bulk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads an upload line by line, each line decoded strictly as UTF-8 and at most {@code maxBytes} long. A line
 * that is not UTF-8 or too long is reported as such (and skipped), never silently repaired with replacement
 * characters: a corrupted member name would otherwise turn into an unknown one, and its value into nothing.
 */
public final class StrictLines {

    /** One line: its text, or why it has none. */
    public record Line(String text, String problem) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public StrictLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its line break, or {@code null} at the end of the upload. */
    public Line next() throws IOException {
        buffer.reset();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (buffer.size() < maxBytes) {
                buffer.write(b);
            } else {
                tooLong = true;
            }
        }
        if (b == -1 && buffer.size() == 0 && !tooLong) {
            return null;
        }
        if (tooLong) {
            return new Line(null, "is longer than " + maxBytes + " bytes");
        }
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return new Line(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(null, "is not UTF-8");
        }
    }
}
