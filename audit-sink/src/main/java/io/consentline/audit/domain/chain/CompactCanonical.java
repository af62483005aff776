package io.consentline.audit.domain.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/**
 * Chain format v3's encoding of a row's unit (the bytes its link covers): the same fields as v2, in the same order,
 * without v2's 4-byte length before every field, and with identifiers in their binary form. ~300 bytes where v2
 * takes ~470 for the same row: a link hashes six SHA-256 blocks instead of eight, and a verify reads, sends and
 * hashes a third fewer bytes (docs/benchmarks.md, seventeenth round).
 *
 * <ul>
 * <li>The unit starts with one byte, {@link #TAG} ({@code 03}); a v1 or v2 unit starts with {@code 00} (the high
 * byte of its tag's length).</li>
 * <li><b>Text</b> starts with a header {@code h}, an unsigned LEB128 varint (7 bits a byte, low group first, high
 * bit set on every byte but the last; shortest form): {@code h = 0}: absent (SQL {@code NULL}); {@code h = 1}: a
 * lower-case UUID in its 36-character form, as its 16 bytes; otherwise {@code n = h / 2 - 1} bytes follow, which for
 * even {@code h} are the text's UTF-8 and for odd {@code h} the bytes that a lower-case hex text of {@code 2n}
 * characters spells. A text takes the first form that fits it: UUID, then hex (non-empty, even length, only
 * {@code 0-9a-f}), then UTF-8. So each text has one encoding, and decoding gives back the text itself.</li>
 * <li><b>Fixed-width</b> fields (seq, instants as microseconds since 2000-01-01T00:00:00Z, the Kafka partition
 * and offset, digests, the key id) are their bytes, big-endian, without a length. A field that can be absent is
 * preceded by one byte: {@code 00} absent, {@code 01} present.</li>
 * </ul>
 *
 * <p>The same encoder works on the bytes of the columns as PostgreSQL's binary protocol sends them (text as UTF-8,
 * {@code int8}, {@code int4} and {@code timestamptz} big-endian, {@code uuid} as 16 bytes, {@code bytea} raw), so the
 * deep verify encodes a row's columns where they lie in the stream and compares them with its unit.
 */
public final class CompactCanonical {

    /** The first byte of a v3 unit. */
    public static final byte TAG = 3;

    private static final int ABSENT = 0, UUID_FORM = 1;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Each byte's value as a lower-case hex digit; -1 when it is none (upper case included). */
    private static final byte[] HEX_VALUES = new byte[256];

    static {
        Arrays.fill(HEX_VALUES, (byte) -1);
        for (int i = 0; i < HEX.length; i++) {
            HEX_VALUES[HEX[i]] = (byte) i;
        }
    }

    /** Written into directly and reused: the deep verify encodes a row's columns with one encoder per walk. */
    private byte[] buf = new byte[384];
    private int size;

    public CompactCanonical() {
        ensure(1);
        buf[size++] = TAG;
    }

    /** Starts a new unit in the same buffer. */
    public CompactCanonical reset() {
        size = 1;
        return this;
    }

    public CompactCanonical text(String value) {
        if (value == null) {
            return text(null, 0, -1);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return text(utf8, 0, utf8.length);
    }

    /** A text given as UTF-8 bytes; {@code length < 0} for absent. */
    public CompactCanonical text(byte[] from, int at, int length) {
        if (length < 0) {
            ensure(1);
            buf[size++] = ABSENT;
            return this;
        }
        // each binary form is written while its digits are checked (one pass over the text), and taken back at
        // the first byte that does not fit it
        int start = size;
        if (length == 36 && uuidForm(from, at)) {
            return this;
        }
        size = start;
        if (length > 0 && length % 2 == 0 && hexForm(from, at, length)) {
            return this;
        }
        size = start;
        varint(2L * (length + 1));
        put(from, at, length);
        return this;
    }

    /** Writes the UUID form of the 36 bytes at {@code at}; false when they are not a lower-case UUID. */
    private boolean uuidForm(byte[] from, int at) {
        if (from[at + 8] != '-' || from[at + 13] != '-' || from[at + 18] != '-' || from[at + 23] != '-') {
            return false;
        }
        ensure(17);
        buf[size++] = UUID_FORM;
        return digits(from, at, 8) && digits(from, at + 9, 4) && digits(from, at + 14, 4) && digits(from, at + 19, 4)
                && digits(from, at + 24, 12);
    }

    /** Writes the hex form of the {@code length} (even) bytes at {@code at}; false when they are not lower-case hex. */
    private boolean hexForm(byte[] from, int at, int length) {
        varint(2L * (length / 2 + 1) + 1);
        ensure(length / 2);
        return digits(from, at, length);
    }

    /** Writes the bytes that {@code length} (even) hex digits spell; false at the first byte that is not one. */
    private boolean digits(byte[] from, int at, int length) {
        for (int i = at, end = at + length; i < end; i += 2) {
            int high = HEX_VALUES[from[i] & 0xff], low = HEX_VALUES[from[i + 1] & 0xff];
            if ((high | low) < 0) {
                return false;
            }
            buf[size++] = (byte) (high << 4 | low);
        }
        return true;
    }

    /** Signed 64-bit big-endian; never absent. */
    public CompactCanonical int64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Microseconds since 2000-01-01T00:00:00Z as {@link #int64}; never absent. */
    public CompactCanonical micros(Instant value) {
        return int64(Canonical.micros2000(value));
    }

    public CompactCanonical optionalInt32(Integer value) {
        if (present(value != null)) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (value >>> shift);
            }
        }
        return this;
    }

    public CompactCanonical optionalInt64(Long value) {
        return present(value != null) ? int64(value) : this;
    }

    public CompactCanonical optionalUuid(UUID value) {
        return present(value != null) ? int64(value.getMostSignificantBits()).int64(value.getLeastSignificantBits())
                : this;
    }

    /** A SHA-256 digest; never absent. */
    public CompactCanonical digest(byte[] value) {
        if (value == null || value.length != ChainHash.LENGTH) {
            throw new IllegalArgumentException("a digest of " + (value == null ? "no" : value.length) + " bytes");
        }
        return fixed(value, 0, value.length, ChainHash.LENGTH);
    }

    public CompactCanonical optionalDigest(byte[] value) {
        return value == null ? optionalFixed(null, 0, -1, ChainHash.LENGTH) : optionalFixed(value, 0, value.length,
                ChainHash.LENGTH);
    }

    /**
     * A field of {@code width} bytes given as its bytes (a column as the binary protocol sends it); never absent.
     *
     * @throws IllegalArgumentException when the bytes are absent or not of that width
     */
    public CompactCanonical fixed(byte[] from, int at, int length, int width) {
        if (length != width) {
            throw new IllegalArgumentException("a field of " + length + " bytes where " + width + " belong");
        }
        put(from, at, length);
        return this;
    }

    /** The same for a field that can be absent ({@code length < 0}). */
    public CompactCanonical optionalFixed(byte[] from, int at, int length, int width) {
        return present(length >= 0) ? fixed(from, at, length, width) : this;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, size);
    }

    /** True when the unit so far is exactly {@code length} bytes of {@code other} from {@code at}. */
    public boolean equalsSlice(byte[] other, int at, int length) {
        return length == size && Arrays.equals(buf, 0, size, other, at, at + length);
    }

    private boolean present(boolean present) {
        ensure(1);
        buf[size++] = (byte) (present ? 1 : 0);
        return present;
    }

    private void varint(long value) {
        ensure(10);
        while ((value & ~0x7fL) != 0) {
            buf[size++] = (byte) (value & 0x7f | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
    }

    private void put(byte[] from, int at, int length) {
        ensure(length);
        System.arraycopy(from, at, buf, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    /**
     * Where the text field at {@code at} ends (the next field starts), without decoding it; -1 when it does not end
     * by {@code end}. For the hot path of the fast verify, which reads only a unit's seq.
     */
    public static int afterText(byte[] buf, int at, int end) {
        long h = 0;
        for (int shift = 0; ; shift += 7) {
            if (at >= end || shift > 28) {
                return -1;
            }
            int b = buf[at++];
            h |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        long n = h == ABSENT ? 0 : h == UUID_FORM ? 16 : h / 2 - 1;
        return n > end - at ? -1 : at + (int) n;
    }

    /**
     * Reads the fields of a v3 unit back, in order; each read checks that the field is there, of its width and in
     * its one encoding. A unit that does not parse is an {@link IllegalArgumentException}.
     */
    public static final class Reader implements UnitReader {

        private final byte[] buf;
        private final int end;
        private int at;

        public Reader(byte[] unit) {
            this(unit, 0, unit.length);
        }

        /** The unit in {@code buf[from, from + length)}, its tag first. */
        public Reader(byte[] buf, int from, int length) {
            this.buf = buf;
            this.at = from;
            this.end = from + length;
            if (length < 1 || buf[from] != TAG) {
                throw new IllegalArgumentException("not a v3 unit");
            }
            at++;
        }

        @Override
        public String text() {
            long h = varint();
            if (h == ABSENT) {
                return null;
            }
            if (h == UUID_FORM) {
                return new UUID(longAt(take(8)), longAt(take(8))).toString();
            }
            long n = h / 2 - 1;
            if (n > end - at) {
                throw new IllegalArgumentException("a text of " + n + " bytes at " + at + " of " + end);
            }
            int from = take((int) n);
            if (h % 2 == 0) {
                return new String(buf, from, (int) n, StandardCharsets.UTF_8);
            }
            if (n == 0) {
                throw new IllegalArgumentException("an empty hex text");
            }
            byte[] hex = new byte[(int) (2 * n)];
            for (int i = 0; i < n; i++) {
                hex[2 * i] = HEX[(buf[from + i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX[buf[from + i] & 0xf];
            }
            return new String(hex, StandardCharsets.US_ASCII);
        }

        public long int64() {
            return longAt(take(8));
        }

        @Override
        public long seq() {
            return int64();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(Canonical.PG_EPOCH_SECOND).plus(int64(), ChronoUnit.MICROS);
        }

        @Override
        public Integer optionalInt32() {
            if (!present()) {
                return null;
            }
            int from = take(4);
            return (buf[from] & 0xff) << 24 | (buf[from + 1] & 0xff) << 16 | (buf[from + 2] & 0xff) << 8
                    | buf[from + 3] & 0xff;
        }

        @Override
        public Long optionalInt64() {
            return present() ? int64() : null;
        }

        @Override
        public UUID optionalUuid() {
            return present() ? new UUID(int64(), int64()) : null;
        }

        @Override
        public byte[] digest() {
            int from = take(ChainHash.LENGTH);
            return Arrays.copyOfRange(buf, from, from + ChainHash.LENGTH);
        }

        @Override
        public byte[] optionalDigest() {
            return present() ? digest() : null;
        }

        /** Fails unless every byte has been read. */
        @Override
        public void end() {
            if (at != end) {
                throw new IllegalArgumentException((end - at) + " bytes after the last field");
            }
        }

        private boolean present() {
            int flag = buf[take(1)];
            if (flag != 0 && flag != 1) {
                throw new IllegalArgumentException("a presence byte of " + flag);
            }
            return flag == 1;
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                int b = buf[take(1)];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (b == 0 && shift > 0) {
                        throw new IllegalArgumentException("a varint not in its shortest form");
                    }
                    return value;
                }
            }
            throw new IllegalArgumentException("a varint of more than 63 bits");
        }

        /** Where the next {@code n} bytes start; fails when fewer are left. */
        private int take(int n) {
            if (end - at < n) {
                throw new IllegalArgumentException("the unit ends inside a field");
            }
            int from = at;
            at += n;
            return from;
        }

        private long longAt(int from) {
            long value = 0;
            for (int i = from; i < from + 8; i++) {
                value = value << 8 | (buf[i] & 0xff);
            }
            return value;
        }
    }
}
