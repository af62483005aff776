package io.consentline.kit.logging;

import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

import io.vertx.pgclient.PgException;

/**
 * A failure as one line for a log: what failed and why, without personal data. Logging the class name alone said
 * "NoStackTraceThrowable" for a closed connection, a pool timeout and a stopped server alike; logging the whole
 * message could repeat a value PostgreSQL quoted (an invalid phone number in a data error). So PostgreSQL's errors
 * are told by SQLSTATE (57P01 the server shut down, 08006 the connection failed, 53300 too many connections), also
 * when wrapped, since a wrapper such as Hibernate's may repeat their message in its own. Other messages are kept
 * with anything that looks like a phone number, an IP address (a visitor's is personal data; a server's is masked
 * alike) or an email address masked, cut at {@value #MAX_MESSAGE} characters. Masking errs on the side of too
 * much: a date or a time of day in a message is masked too.
 */
public final class FailureText {

    static final int MAX_MESSAGE = 200;
    private static final Pattern EMAIL = Pattern.compile("[^\\s\"'<>()]+@[^\\s\"'<>()]+");
    /**
     * Seven digits or more, with the separators numbers are written with: a phone number or part of one, an IPv4
     * address.
     */
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d(?:[\\d ()./-]{5,}\\d)");
    /** Hex groups with two colons or more: an IPv6 address ({@code ::1}, {@code 2001:db8::7}). */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*");

    private FailureText() {
    }

    /** E.g. {@code PgException SQLSTATE 57P01}, {@code NoStackTraceThrowable: Connection is closed}. */
    public static String of(Throwable failure) {
        Throwable e = failure;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        String name = e.getClass().getSimpleName();
        PgException pg = postgresErrorIn(e);
        if (pg != null) { // a wrapper's message (Hibernate's) may repeat PostgreSQL's, values and all
            return pg == e ? name + " SQLSTATE " + pg.getSqlState()
                    : name + " (PgException SQLSTATE " + pg.getSqlState() + ")";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getCause() == null || e.getCause() == e ? name : name + " (" + of(e.getCause()) + ")";
        }
        return name + ": " + masked(message);
    }

    private static PgException postgresErrorIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg) {
                return pg;
            }
        }
        return null;
    }

    static String masked(String message) {
        String oneLine = message.strip().replaceAll("\\s+", " ");
        String noEmail = EMAIL.matcher(oneLine).replaceAll("•••@•••");
        String masked = NUMBER.matcher(IPV6.matcher(noEmail).replaceAll("•••")).replaceAll("•••");
        return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE) + "…";
    }
}
