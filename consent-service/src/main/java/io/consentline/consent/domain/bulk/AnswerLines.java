package io.consentline.consent.domain.bulk;

import java.time.Instant;
import java.util.List;

import io.consentline.consent.domain.Decision;
import io.consentline.consent.domain.Reason;

/**
 * Writes a bulk check's answer lines as NDJSON by hand: the same bytes Jackson writes for
 * {@code {line, phone, decision, reasons, nextAllowedAt, suppressedBy}} or {@code {line, error}} (absent fields
 * left out), without building a tree or reflecting over a record for each of millions of lines.
 */
public final class AnswerLines {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AnswerLines() {
    }

    /** Appends the answer for a number, with its line break. */
    public static void appendDecision(StringBuilder out, long line, String phone, Decision decision) {
        out.append("{\"line\":").append(line).append(",\"phone\":");
        appendString(out, phone);
        out.append(",\"decision\":\"").append(decision.outcome().name()).append("\",\"reasons\":[");
        List<Reason> reasons = decision.reasons();
        for (int i = 0; i < reasons.size(); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(reasons.get(i).name()).append('"');
        }
        out.append(']');
        Instant next = decision.nextAllowedAt();
        if (next != null) {
            out.append(",\"nextAllowedAt\":\"").append(next).append('"');
        }
        List<String> lists = decision.suppressedBy();
        if (!lists.isEmpty()) {
            out.append(",\"suppressedBy\":[");
            for (int i = 0; i < lists.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendString(out, lists.get(i));
            }
            out.append(']');
        }
        out.append("}\n");
    }

    /** Appends the answer for a line without a usable number, with its line break. */
    public static void appendError(StringBuilder out, long line, String error) {
        out.append("{\"line\":").append(line).append(",\"error\":");
        appendString(out, error);
        out.append("}\n");
    }

    /** A JSON string, escaped as Jackson escapes it (quote, backslash, control characters). */
    static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20) {
                out.append(c);
            } else {
                switch (c) {
                    case '\b' -> out.append("\\b");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\f' -> out.append("\\f");
                    case '\r' -> out.append("\\r");
                    default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            }
        }
        out.append('"');
    }
}
