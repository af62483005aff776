package io.consentline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's own class-data-sharing archive: recorded by a clean first run of a build, mapped by the next starts,
 * recorded again after a rebuild, never kept from a killed run. Runs a real JVM on a small packaged application
 * laid out like Quarkus's {@code quarkus-app/}: a jar, and an {@code app-cds.jsa} made from it as Quarkus makes
 * one (a dynamic archive).
 */
class StartupArchiveTest {

    @TempDir
    Path temp;

    private Path app;
    private Path archives;

    @BeforeEach
    void givenAPackagedApplicationWithQuarkusStyleArchive() throws Exception {
        app = Files.createDirectories(temp.resolve("quarkus-app"));
        archives = temp.resolve("data").resolve("cds");
        packageHello();
        makeQuarkusStyleArchive();
    }

    @Test
    void theFirstCleanRunRecordsTheArchiveAndLaterStartsLoadTheApplicationFromIt() throws Exception {
        StartupArchive first = StartupArchive.of(archives, "hello", app);
        List<String> recording = first.jvmOptions();
        // a JVM records only on the JDK's base archive: Quarkus's, itself dynamic, cannot be used meanwhile
        assertThat(recording).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="))
                .noneMatch(o -> o.startsWith("-XX:SharedArchiveFile="));
        run(recording);
        first.processEnded(true);
        assertThat(first.archive()).isRegularFile();
        assertThat(archives).isDirectoryContaining(p -> p.equals(first.archive()))
                .isDirectoryNotContaining("glob:**.recording");

        StartupArchive later = StartupArchive.of(archives, "hello", app);
        List<String> using = later.jvmOptions();
        assertThat(using).containsExactly("-XX:SharedArchiveFile=" + first.archive(), "-Xshare:auto");
        List<String> strict = new ArrayList<>(using);
        strict.addAll(List.of("-Xshare:on", "-Xlog:class+load=info"));
        // -Xshare:on fails the start if the archives cannot be mapped; the log names where each class came from
        assertThat(run(strict)).contains("Hello source: shared objects file (top)");
    }

    @Test
    void aRunThatWasKilledLeavesNoArchive() throws Exception {
        StartupArchive archive = StartupArchive.of(archives, "hello", app);
        run(archive.jvmOptions());
        archive.processEnded(false);

        assertThat(archive.archive()).doesNotExist();
        assertThat(archives).isEmptyDirectory();
        assertThat(StartupArchive.of(archives, "hello", app).jvmOptions())
                .anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aRebuildRecordsAfreshAndDropsTheArchiveOfTheOldBuild() throws Exception {
        StartupArchive old = StartupArchive.of(archives, "hello", app);
        run(old.jvmOptions());
        old.processEnded(true);
        StartupArchive otherModule = StartupArchive.of(archives, "hello-admin", app);
        run(otherModule.jvmOptions());
        otherModule.processEnded(true);

        // a rebuild writes the jar and the static archive again
        Files.setLastModifiedTime(app.resolve("hello.jar"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        makeQuarkusStyleArchive();
        StartupArchive rebuilt = StartupArchive.of(archives, "hello", app);
        assertThat(rebuilt.archive()).isNotEqualTo(old.archive());
        run(rebuilt.jvmOptions());
        rebuilt.processEnded(true);

        assertThat(rebuilt.archive()).isRegularFile();
        assertThat(old.archive()).doesNotExist();
        assertThat(otherModule.archive()).isRegularFile();
    }

    @Test
    void whereTheJdkHasNoBaseArchiveToRecordOnQuarkusArchiveIsUsed() throws Exception {
        StartupArchive archive = StartupArchive.of(archives, "hello", app, temp.resolve("no-such-classes.jsa"));
        List<String> options = archive.jvmOptions();
        assertThat(options).containsExactly("-XX:SharedArchiveFile=" + app.resolve("app-cds.jsa"), "-Xshare:auto");
        run(options);
        archive.processEnded(true);
        assertThat(archive.archive()).doesNotExist();
    }

    @Test
    void withOwnArchivesOffQuarkusArchiveIsUsedAndNothingIsRecorded() throws Exception {
        StartupArchive archive = StartupArchive.of(null, "hello", app);
        List<String> options = archive.jvmOptions();
        assertThat(options).containsExactly("-XX:SharedArchiveFile=" + app.resolve("app-cds.jsa"), "-Xshare:auto");
        run(options);
        archive.processEnded(true);
        assertThat(archives).doesNotExist();
    }

    @Test
    void theLauncherCanBeToldToStartWithoutThem() {
        assertThat(LauncherSettings.fromEnvironment(temp, temp, Map.of()).startupArchives()).isTrue();
        assertThat(LauncherSettings.fromEnvironment(temp, temp, Map.of("CONSENTLINE_STARTUP_ARCHIVE", "off"))
                .startupArchives()).isFalse();
    }

    /** As Quarkus's package step makes {@code app-cds.jsa}: a dynamic archive of a run of the application. */
    private void makeQuarkusStyleArchive() throws Exception {
        Files.deleteIfExists(app.resolve("app-cds.jsa"));
        run(List.of("-XX:ArchiveClassesAtExit=app-cds.jsa"));
        assertThat(app.resolve("app-cds.jsa")).isRegularFile();
    }

    /** Runs {@code java <options> -jar hello.jar} in the application folder; returns its output. */
    private String run(List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-jar", "hello.jar"));
        Process process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private void packageHello() throws IOException {
        Path source = Files.writeString(temp.resolve("Hello.java"), """
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println(new java.util.concurrent.ConcurrentSkipListMap<String, String>().size());
                    }
                }
                """);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                source.toString());
        assertThat(status).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (OutputStream file = Files.newOutputStream(app.resolve("hello.jar"));
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry("Hello.class"));
            jar.write(Files.readAllBytes(classes.resolve("Hello.class")));
            jar.closeEntry();
        }
    }
}
