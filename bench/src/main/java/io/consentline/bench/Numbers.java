package io.consentline.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

/** Test phone numbers: UK mobiles +447400000000 onwards, and lists of them generated lazily. */
final class Numbers {

    private Numbers() {
    }

    /** Valid UK mobile numbers (libphonenumber accepts them), a million of them. */
    static String number(int i) {
        return String.format("+447400%06d", i % 1_000_000);
    }

    /** Ten million distinct E.164 numbers for list imports (E.164 form is taken as is there). */
    static String listNumber(int i) {
        return String.format("+4479%08d", i);
    }

    /** One number per line for i in [0, count) where the predicate holds, produced as it is read. */
    static InputStream lines(int count, IntPredicate include) {
        return lines(count, include, Numbers::number);
    }

    static InputStream listLines(int count) {
        return lines(count, i -> true, Numbers::listNumber);
    }

    private static InputStream lines(int count, IntPredicate include, java.util.function.IntFunction<String> numbers) {
        return new InputStream() {
            private int next = 0;
            private byte[] line = new byte[0];
            private int pos = 0;

            @Override
            public int read() {
                while (pos >= line.length) {
                    while (next < count && !include.test(next)) {
                        next++;
                    }
                    if (next >= count) {
                        return -1;
                    }
                    line = (numbers.apply(next++) + "\n").getBytes(StandardCharsets.US_ASCII);
                    pos = 0;
                }
                return line[pos++];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) {
                        return n == 0 ? -1 : n;
                    }
                    b[off + n++] = (byte) c;
                }
                return n;
            }
        };
    }
}
