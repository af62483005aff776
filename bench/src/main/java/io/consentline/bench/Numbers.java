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
        // not String.format: the bench client shares the two cores with the service it measures
        return "+447400" + Integer.toString(1_000_000 + i % 1_000_000).substring(1);
    }

    /** Ten million distinct E.164 numbers for list imports (E.164 form is taken as is there). */
    static String listNumber(int i) {
        return "+4479" + Integer.toString(100_000_000 + i).substring(1);
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

            /** Makes the next line current when this one is used up; false at the end. */
            private boolean fill() {
                while (pos >= line.length) {
                    while (next < count && !include.test(next)) {
                        next++;
                    }
                    if (next >= count) {
                        return false;
                    }
                    line = (numbers.apply(next++) + "\n").getBytes(StandardCharsets.US_ASCII);
                    pos = 0;
                }
                return true;
            }

            @Override
            public int read() {
                return fill() ? line[pos++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len && fill()) {
                    int chunk = Math.min(len - n, line.length - pos);
                    System.arraycopy(line, pos, b, off + n, chunk);
                    pos += chunk;
                    n += chunk;
                }
                return n == 0 && len > 0 ? -1 : n;
            }
        };
    }
}
