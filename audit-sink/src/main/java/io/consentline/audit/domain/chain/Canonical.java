package io.consentline.audit.domain.chain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The canonical byte encoding that audit rows are hashed over: a sequence of fields, each written as its byte
 * length (unsigned 32-bit big-endian) followed by its bytes; an absent field is {@code ff ff ff ff}. Text is
 * UTF-8. Chain format v1 writes numbers as decimal text and instants as UTC {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}
 * ({@link #number}, {@link #instant}); v2 writes them as fixed-width big-endian integers ({@link #int64},
 * {@link #int32}, {@link #micros}: microseconds since 2000-01-01T00:00:00Z) and UUIDs as their 16 bytes — the
 * bytes PostgreSQL's binary protocol sends, so a verifier can hash a {@code COPY … (FORMAT binary)} row as it
 * arrives. Simple enough that a verifier in any language (or in SQL, see {@code audit_canonical()} and
 * {@code audit_canonical_v2()}) produces the same bytes.
 */
public final class Canonical {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds. */
    private static final long PG_EPOCH_SECOND = 946_684_800L;

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

    /** v2: a signed 64-bit big-endian integer. */
    public Canonical int64(Long value) {
        return bytes(value == null ? null : ByteBuffer.allocate(8).putLong(value).array());
    }

    /** v2: a signed 32-bit big-endian integer. */
    public Canonical int32(Integer value) {
        return bytes(value == null ? null : ByteBuffer.allocate(4).putInt(value).array());
    }

    /** v2: microseconds since 2000-01-01T00:00:00Z as {@link #int64} (PostgreSQL's binary timestamptz). */
    public Canonical micros(Instant value) {
        return int64(value == null ? null : micros2000(value));
    }

    /** v2: the UUID's 16 bytes, most significant first. */
    public Canonical uuid(UUID value) {
        return bytes(value == null ? null : ByteBuffer.allocate(16).putLong(value.getMostSignificantBits())
                .putLong(value.getLeastSignificantBits()).array());
    }

    /** Microseconds between 2000-01-01T00:00:00Z and the instant (truncated to microseconds). */
    public static long micros2000(Instant instant) {
        return (instant.getEpochSecond() - PG_EPOCH_SECOND) * 1_000_000L + instant.getNano() / 1000;
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
