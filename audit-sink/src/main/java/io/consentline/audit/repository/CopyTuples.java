package io.consentline.audit.repository;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The tuples of a {@code COPY … TO STDOUT (FORMAT binary)} stream, as the driver writes the stream's messages: a
 * header, then per tuple a 16-bit field count and per field a 32-bit length (-1 for null) and its bytes; -1 as
 * field count ends it. Each complete tuple is handed over whole, in one array, so slices of it can be hashed where
 * they lie: in the driver's message when nothing is left over from the one before (the usual case: one message,
 * one tuple), else in a buffer that keeps the part of a tuple that came first.
 */
final class CopyTuples extends OutputStream {

    /** Takes each tuple: {@code fields[i]} is where field i's length word is, {@code fields[count]} the end. */
    interface Sink {
        void tuple(byte[] buf, int[] fields, int count);
    }

    private static final int HEADER = 11 + 4 + 4;

    private final Sink sink;
    private final int[] fields;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean headerRead;
    private boolean ended;

    /** @param maxFields the most fields a tuple of this stream has */
    CopyTuples(Sink sink, int maxFields) {
        this.sink = sink;
        this.fields = new int[maxFields + 1];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        try {
            if (limit == pos) {
                int walked = walk(bytes, off, off + len);
                pos = 0;
                limit = 0;
                keep(bytes, walked, off + len - walked);
            } else {
                keep(bytes, off, len);
                pos = walk(buf, pos, limit);
            }
        } catch (RuntimeException e) {
            // as an IOException the driver cancels the COPY, so the pooled connection is left clean
            throw new IOException("cannot check the chain's rows", e);
        }
    }

    private void keep(byte[] bytes, int off, int len) {
        if (limit + len > buf.length) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
            if (limit + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, limit + len));
            }
        }
        System.arraycopy(bytes, off, buf, limit, len);
        limit += len;
    }

    /** Hands over each complete tuple in {@code from..to}; returns where the first incomplete one starts. */
    private int walk(byte[] src, int from, int to) {
        int at = from;
        while (!ended) {
            int next = next(src, at, to);
            if (next < 0) {
                break;
            }
            at = next;
        }
        return at;
    }

    /** Hands over the tuple at {@code at} if it is complete and returns where the next starts; -1 if not. */
    private int next(byte[] src, int at, int to) {
        if (!headerRead) {
            if (to - at < HEADER || to - at < HEADER + int32(src, at + 15)) {
                return -1;
            }
            headerRead = true;
            return at + HEADER + int32(src, at + 15);
        }
        if (to - at < 2) {
            return -1;
        }
        int count = int16(src, at);
        if (count < 0) {
            ended = true;
            return at + 2;
        }
        if (count >= fields.length) {
            throw new IllegalStateException("unexpected tuple of " + count + " fields");
        }
        int field = at + 2;
        for (int i = 0; i < count; i++) {
            if (to - field < 4) {
                return -1;
            }
            fields[i] = field;
            field += 4 + Math.max(int32(src, field), 0);
            if (field > to) {
                return -1;
            }
        }
        fields[count] = field;
        sink.tuple(src, fields, count);
        return field;
    }

    static int int16(byte[] buf, int at) {
        return (short) (((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff));
    }

    static int int32(byte[] buf, int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8)
                | (buf[at + 3] & 0xff);
    }

    static long int64(byte[] buf, int at) {
        return ((long) int32(buf, at) << 32) | (int32(buf, at + 4) & 0xffffffffL);
    }
}
