package io.consentline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM child process whose output goes to a log file, stopped politely (SIGTERM) before forcibly. */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess startJava(String name, List<String> jvmAndArgs, Map<String, String> env, Path log) {
        return startJava(name, jvmAndArgs, env, log, null);
    }

    /** Starts a JVM in {@code workingDirectory} (the launcher's own when null). */
    static ChildProcess startJava(String name, List<String> jvmAndArgs, Map<String, String> env, Path log,
            Path workingDirectory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        try {
            Files.createDirectories(log.getParent());
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Runs to completion; fails with the tail of the log if the exit code is not 0. */
    static void runJava(String name, List<String> jvmAndArgs, Path log, Duration timeout) {
        ChildProcess child = startJava(name, jvmAndArgs, Map.of(), log);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + timeout);
            }
            if (child.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed (exit " + child.process.exitValue() + "):\n" + child.tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /**
     * SIGTERM, then SIGKILL if it has not stopped within the grace period.
     *
     * @return whether it ended by itself within the grace period (false if it had to be killed, or had already
     *         ended before this call: then nobody knows how)
     */
    boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return false;
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return false;
    }

    /** SIGKILL at once: for fault tests. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
