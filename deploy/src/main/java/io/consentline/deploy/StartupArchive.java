package io.consentline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service's own class-data-sharing archive, recorded by the JVM on a real run and used by the next starts.
 *
 * <p>Quarkus's {@code app-cds.jsa} (made at package time) holds the classes its build step loads, not the ones a
 * running service loads after it: Kafka clients, Netty, Vert.x, the OIDC and Hibernate Reactive run-time classes.
 * So the first start of a build runs with {@code -XX:ArchiveClassesAtExit}: when that service stops cleanly the
 * JVM writes every class it loaded into a dynamic archive, kept as {@code <data>/cds/<module>-<build>.jsa}, and
 * later starts map it in place of Quarkus's (measured in docs/benchmarks.md, footprint). In place of, not on top
 * of: Quarkus's archive is itself a dynamic one, and the JVM (17) layers one dynamic archive on the JDK's base
 * archive, never two. So the recording start runs without Quarkus's archive; and as the JVM refuses to start at
 * all when asked to record with no base archive to layer on, nothing is recorded where the JDK has none.
 *
 * <p>{@code <build>} is a digest of the JVM and the packaged application's files, so a rebuild records afresh; a
 * service that was killed or did not stop in time leaves no archive behind. The JVM also checks an archive against
 * the class path and ignores one that does not fit ({@code -Xshare:auto}), so a wrong archive costs start-up
 * time, never correctness.
 */
final class StartupArchive {

    private final Path archive;
    private final Path recording;
    private final Path quarkusArchive;
    private final boolean canRecord;
    private boolean recordingThisRun;

    private StartupArchive(Path archive, Path quarkusArchive, boolean canRecord) {
        this.archive = archive;
        this.recording = archive == null ? null : archive.resolveSibling(archive.getFileName() + ".recording");
        this.quarkusArchive = quarkusArchive;
        this.canRecord = canRecord;
    }

    /**
     * The archive for {@code module} as packaged in {@code appDirectory} (its {@code quarkus-app/} folder), kept in
     * {@code archiveDirectory}, for services run by this JVM; with a null {@code archiveDirectory}, only Quarkus's.
     */
    static StartupArchive of(Path archiveDirectory, String module, Path appDirectory) {
        return of(archiveDirectory, module, appDirectory,
                Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa"));
    }

    /** As {@link #of(Path, String, Path)}, with the JDK's own base archive at {@code jdkArchive}. */
    static StartupArchive of(Path archiveDirectory, String module, Path appDirectory, Path jdkArchive) {
        Path quarkusArchive = appDirectory.resolve("app-cds.jsa");
        Path own = archiveDirectory == null ? null
                : archiveDirectory.resolve(module + "-" + buildDigest(appDirectory) + ".jsa");
        return new StartupArchive(own, Files.exists(quarkusArchive) ? quarkusArchive : null,
                own != null && Files.isRegularFile(jdkArchive));
    }

    /**
     * The JVM options for the next start: this build's own archive if it has one, else record it, else (own
     * archives off, or no base archive to record on) Quarkus's, else none.
     */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        recordingThisRun = false;
        if (archive != null && Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        } else if (canRecord) {
            recordingThisRun = true;
            deleteIfExists(recording);
            createDirectories(archive.getParent());
            options.add("-XX:ArchiveClassesAtExit=" + recording);
            // the dump warns once for each class it leaves out (thousands of lines in the service's log)
            options.add("-Xlog:cds*=error");
        } else if (quarkusArchive != null) {
            options.add("-XX:SharedArchiveFile=" + quarkusArchive);
        } else {
            return options;
        }
        options.add("-Xshare:auto");
        return options;
    }

    /**
     * After the process ended: keeps what a clean stop recorded (and drops this module's archives of older builds);
     * discards a recording a killed process may have left half-written.
     */
    void processEnded(boolean stoppedCleanly) {
        if (!recordingThisRun) {
            return;
        }
        recordingThisRun = false;
        try {
            if (stoppedCleanly && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                dropOtherBuilds();
            } else {
                deleteIfExists(recording);
            }
        } catch (IOException e) {
            deleteIfExists(recording);
        }
    }

    Path archive() {
        return archive;
    }

    private void dropOtherBuilds() throws IOException {
        String name = archive.getFileName().toString();
        String module = name.substring(0, name.lastIndexOf('-') + 1);
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(archive.getParent(), module + "*.jsa")) {
            for (Path other : archives) {
                // names are <module>-<64 hex>.jsa: a module whose name extends this one's does not match
                if (!other.equals(archive) && other.getFileName().toString().length() == name.length()) {
                    deleteIfExists(other);
                }
            }
        }
    }

    /** The JVM build and each file of the packaged application, by path, size and modification time. */
    static String buildDigest(Path appDirectory) {
        try (Stream<Path> files = Files.walk(appDirectory)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update((appDirectory.relativize(file) + " " + Files.size(file) + " "
                        + Files.getLastModifiedTime(file).toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + appDirectory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file is ignored: the JVM overwrites a recording, and a start checks an archive it maps
        }
    }
}
