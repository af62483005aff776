package io.consentline.audit.domain.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The canonical byte encoding that audit rows are hashed over: a sequence of fields, each written as its byte
 * length (unsigned 32-bit big-endian) followed by its bytes; an absent field is {@code ff ff ff ff}. Text is
 * UTF-8, numbers are decimal text, instants are UTC {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (microseconds, as
 * PostgreSQL keeps them). Simple enough that a verifier in any language (or in SQL, see
 * {@code audit_canonical()}) produces the same bytes.
 */
public final class Canonical {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    public Canonical text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public Canonical number(Long value) {
        return text(value == null ? null : value.toString());
    }

    public Canonical instant(Instant value) {
        return text(value == null ? null : format(value));
    }

    public Canonical bytes(byte[] value) {
        int length = value == null ? -1 : value.length;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        if (value != null) {
            out.write(value, 0, value.length);
        }
        return this;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    /** The instant as the log keeps it (microseconds) and encodes it. */
    public static String format(Instant instant) {
        return INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }
}
