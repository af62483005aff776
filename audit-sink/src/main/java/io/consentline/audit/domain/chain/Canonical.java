package io.consentline.audit.domain.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
    static final long PG_EPOCH_SECOND = 946_684_800L;

    /** Written into directly (not a ByteArrayOutputStream: its synchronized one-byte writes showed in profiles). */
    private byte[] buf = new byte[512];
    private int size;

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
        if (value == null) {
            return bytes(null);
        }
        ensure(12);
        putInt(8);
        putLong(value);
        return this;
    }

    /** v2: a signed 32-bit big-endian integer. */
    public Canonical int32(Integer value) {
        if (value == null) {
            return bytes(null);
        }
        ensure(8);
        putInt(4);
        putInt(value);
        return this;
    }

    /** v2: microseconds since 2000-01-01T00:00:00Z as {@link #int64} (PostgreSQL's binary timestamptz). */
    public Canonical micros(Instant value) {
        return int64(value == null ? null : micros2000(value));
    }

    /** v2: the UUID's 16 bytes, most significant first. */
    public Canonical uuid(UUID value) {
        if (value == null) {
            return bytes(null);
        }
        ensure(20);
        putInt(16);
        putLong(value.getMostSignificantBits());
        putLong(value.getLeastSignificantBits());
        return this;
    }

    /** Microseconds between 2000-01-01T00:00:00Z and the instant (truncated to microseconds). */
    public static long micros2000(Instant instant) {
        return (instant.getEpochSecond() - PG_EPOCH_SECOND) * 1_000_000L + instant.getNano() / 1000;
    }

    public Canonical bytes(byte[] value) {
        if (value == null) {
            ensure(4);
            putInt(-1); // ff ff ff ff
            return this;
        }
        ensure(4 + value.length);
        putInt(value.length);
        System.arraycopy(value, 0, buf, size, value.length);
        size += value.length;
        return this;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    private void putInt(int value) {
        buf[size] = (byte) (value >>> 24);
        buf[size + 1] = (byte) (value >>> 16);
        buf[size + 2] = (byte) (value >>> 8);
        buf[size + 3] = (byte) value;
        size += 4;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    /**
     * Reads the fields of an encoding back, in order; each read checks that the field is there and of its width.
     * An encoding that does not parse is an {@link IllegalArgumentException}.
     */
    public static final class Reader implements UnitReader {

        private final byte[] buf;
        private int at;

        public Reader(byte[] encoding) {
            this.buf = encoding;
        }

        /** The next field's bytes; null for an absent field. */
        public byte[] bytes() {
            int length = length();
            if (length < 0) {
                return null;
            }
            byte[] value = Arrays.copyOfRange(buf, at, at + length);
            at += length;
            return value;
        }

        @Override
        public String text() {
            byte[] value = bytes();
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        public Long int64() {
            return fixed(8) ? getLong() : null;
        }

        public Integer int32() {
            return fixed(4) ? getInt() : null;
        }

        public Instant micros() {
            Long micros = int64();
            return micros == null ? null : Instant.ofEpochSecond(PG_EPOCH_SECOND).plus(micros, ChronoUnit.MICROS);
        }

        public UUID uuid() {
            return fixed(16) ? new UUID(getLong(), getLong()) : null;
        }

        @Override
        public long seq() {
            return present(int64());
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(PG_EPOCH_SECOND).plus(present(int64()), ChronoUnit.MICROS);
        }

        private static <T> T present(T value) {
            if (value == null) {
                throw new IllegalArgumentException("an absent field where one must be");
            }
            return value;
        }

        @Override
        public Integer optionalInt32() {
            return int32();
        }

        @Override
        public Long optionalInt64() {
            return int64();
        }

        @Override
        public byte[] digest() {
            return present(optionalDigest());
        }

        @Override
        public UUID optionalUuid() {
            return uuid();
        }

        /** A digest as v2 writes it: any length (the row's constraints hold it to 32 bytes). */
        @Override
        public byte[] optionalDigest() {
            return bytes();
        }

        /** Fails unless every byte has been read. */
        @Override
        public void end() {
            if (at != buf.length) {
                throw new IllegalArgumentException((buf.length - at) + " bytes after the last field");
            }
        }

        /** True when the next field is present and {@code width} bytes long; false when it is absent. */
        private boolean fixed(int width) {
            int length = length();
            if (length >= 0 && length != width) {
                throw new IllegalArgumentException("a field of " + length + " bytes where " + width + " belong");
            }
            return length >= 0;
        }

        private int length() {
            int length = getInt();
            if (length < -1 || length > buf.length - at) {
                throw new IllegalArgumentException("a field of " + length + " bytes at " + (at - 4) + " of "
                        + buf.length);
            }
            return length;
        }

        private int getInt() {
            if (buf.length - at < 4) {
                throw new IllegalArgumentException("the encoding ends inside a field's length");
            }
            int value = ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8)
                    | (buf[at + 3] & 0xff);
            at += 4;
            return value;
        }

        private long getLong() {
            return ((long) getInt() << 32) | (getInt() & 0xffffffffL);
        }
    }

    /** The instant as the log keeps it (microseconds) and encodes it. */
    public static String format(Instant instant) {
        return INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }
}
