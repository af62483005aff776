package io.consentline.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures what the service under test logs (in the test JVM: JBoss LogManager's root logger), at INFO and above
 * — what production logs — with the stack traces of logged exceptions, so a test can prove that personal data
 * never reaches the log.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() < Level.INFO.intValue()) {
                return;
            }
            StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ')
                    .append(record.getLoggerName()).append(": ").append(message(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            synchronized (records) {
                records.add(line.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
    }

    /** Starts capturing; close to stop. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture.handler);
        return capture;
    }

    /** Every record captured so far, formatted (level, logger, message, stack trace). */
    public List<String> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The captured records that contain any of the given strings (case-insensitive). */
    public List<String> recordsContainingAnyOf(Collection<String> needles) {
        List<String> found = new ArrayList<>();
        for (String record : records()) {
            String lower = record.toLowerCase(java.util.Locale.ROOT);
            for (String needle : needles) {
                if (lower.contains(needle.toLowerCase(java.util.Locale.ROOT))) {
                    found.add("[" + needle + "] " + record);
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }

    private static String message(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message == null || parameters == null || parameters.length == 0) {
            return String.valueOf(message);
        }
        try {
            return java.text.MessageFormat.format(message, parameters);
        } catch (IllegalArgumentException e) {
            return message + " " + java.util.Arrays.toString(parameters);
        }
    }
}
