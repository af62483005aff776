package io.consentline.consent.domain.bulk;

import java.util.regex.Pattern;

/**
 * Reads one phone number per line of an uploaded list: plain text (one number per line), CSV (the number in
 * the first column; a first line without digits is a header) or NDJSON ({@code {"phone":"+447911123456"}}).
 */
public final class NumberLines {

    /** How the lines are written. */
    public enum Format {
        PLAIN_OR_CSV,
        NDJSON;

        public static Format ofContentType(String contentType) {
            return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("ndjson") ? NDJSON
                    : PLAIN_OR_CSV;
        }
    }

    public static final int MAX_LINE_LENGTH = 512;
    private static final Pattern NDJSON_PHONE = Pattern.compile("\"phone\"\\s*:\\s*\"([^\"]{0,64})\"");
    private static final Pattern HAS_DIGIT = Pattern.compile(".*\\d.*");

    private NumberLines() {
    }

    /** A line that carries no number (blank, or a CSV header on the first line): skip it. */
    public static boolean isSkippable(String line, long lineNumber, Format format) {
        if (line.isBlank()) {
            return true;
        }
        return format == Format.PLAIN_OR_CSV && lineNumber == 1 && !HAS_DIGIT.matcher(line).matches();
    }

    /** The raw number written on the line; {@link InvalidLineException} when there is none. */
    public static String numberOf(String line, Format format) {
        if (line.length() > MAX_LINE_LENGTH) {
            throw new InvalidLineException("line is longer than " + MAX_LINE_LENGTH + " characters");
        }
        if (format == Format.NDJSON) {
            var matcher = NDJSON_PHONE.matcher(line);
            if (!matcher.find()) {
                throw new InvalidLineException("line has no \"phone\" field");
            }
            return matcher.group(1);
        }
        String first = line;
        for (char separator : new char[] { ',', ';', '\t' }) {
            int at = first.indexOf(separator);
            if (at >= 0) {
                first = first.substring(0, at);
            }
        }
        first = first.strip();
        if (first.length() >= 2 && first.startsWith("\"") && first.endsWith("\"")) {
            first = first.substring(1, first.length() - 1).strip();
        }
        if (first.isEmpty()) {
            throw new InvalidLineException("line has no number in its first column");
        }
        return first;
    }

    /** Why a line carries no usable number. */
    public static class InvalidLineException extends RuntimeException {

        public InvalidLineException(String message) {
            super(message);
        }
    }
}
