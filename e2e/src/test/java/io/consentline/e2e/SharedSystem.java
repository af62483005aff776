package io.consentline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.consentline.deploy.LauncherSettings;
import io.consentline.deploy.LocalSystem;
import io.consentline.deploy.Main;

/**
 * One running system for every end-to-end test class: started on first use exactly as the local run starts it
 * (Kafka, PostgreSQL, the three packaged services), stopped when the test JVM exits. Starting it once keeps
 * the e2e run short on a 2-core machine.
 */
final class SharedSystem {

    private static LocalSystem system;

    private SharedSystem() {
    }

    static synchronized LocalSystem get() {
        if (system == null) {
            try {
                Path root = Path.of(System.getProperty("consentline.root", "..")).toAbsolutePath().normalize();
                Path data = Files.createTempDirectory("consentline-e2e");
                // the services start without recording their class-data-sharing archives: these tests are about
                // behaviour, and recording writes an archive at every stop (deploy's StartupArchiveTest covers it)
                Map<String, String> env = new HashMap<>(System.getenv());
                env.putIfAbsent("CONSENTLINE_STARTUP_ARCHIVE", "off");
                LocalSystem started = LocalSystem.start(LauncherSettings.withFreePorts(root, data, env), System.out);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    // database, broker log and service logs: hundreds of MB a run; -Dconsentline.e2e.keep-data=true
                    if (!Boolean.getBoolean("consentline.e2e.keep-data")) {
                        Main.deleteRecursively(data);
                    }
                }));
                system = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return system;
    }

    static LauncherSettings settings() {
        return get().settings();
    }
}
