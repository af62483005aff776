package io.consentline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The local launcher's command line.
 *
 * <pre>
 *   run   [--clean] [--data DIR] [--root DIR]     start everything; Ctrl-C stops everything
 *   token --tenant T --role R [--role R ...] [--ttl SECONDS] [--data DIR]
 * </pre>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Path root = Path.of(option(args, "--root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(option(args, "--data", root.resolve(".run").toString())).toAbsolutePath().normalize();
        switch (args[0]) {
            case "run" -> run(root, data, flag(args, "--clean"));
            case "token" -> token(data, args);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void run(Path root, Path data, boolean clean) throws InterruptedException {
        if (clean) {
            System.out.println("Wiping " + data);
            deleteRecursively(data);
        }
        LauncherSettings settings = LauncherSettings.fromEnvironment(root, data, System.getenv());
        if (!LocalSystem.servicesBuilt(settings)) {
            System.err.println("The services are not built. Run: ./mvnw -B -DskipTests package (deploy/run.sh does it)");
            System.exit(1);
        }
        LocalSystem system;
        try {
            system = LocalSystem.start(settings, System.out);
        } catch (PostgresServer.IncompatibleDataException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nShutting down...");
            system.close();
            System.out.println("Stopped. Data kept in " + data + " (deploy/run.sh --clean wipes it).");
            stopped.countDown();
        }));
        System.out.println(banner(settings));
        stopped.await();
    }

    private static String banner(LauncherSettings s) {
        return String.join("\n",
                "",
                "consentline is running (data in " + s.dataDir() + ", logs in " + s.dataDir().resolve("logs") + ")",
                "",
                "  preference-gateway  " + s.gatewayUrl() + "   POST /v1/choices (public), /v1/admin/sites (admin)",
                "                      " + s.gatewayUrl() + "/demo/   the cookie banner on a demo site",
                "  consent-service     " + s.consentUrl() + "   GET /v1/check (dialer)",
                "  audit-sink          " + s.auditUrl() + "   GET /v1/audit/entries (compliance)",
                "  Kafka               " + s.kafkaBootstrap(),
                "",
                "  OpenAPI / Swagger UI:  <service>/q/openapi   <service>/q/swagger-ui",
                "  Health / metrics:      <service>/q/health/ready   <service>/q/metrics",
                "",
                "  A token:  TOKEN=$(deploy/token.sh --tenant acme --role admin)",
                "            curl -H \"Authorization: Bearer $TOKEN\" ...",
                "",
                "Press Ctrl-C to stop everything.");
    }

    private static void token(Path data, String[] args) {
        String tenant = option(args, "--tenant", null);
        List<String> roles = options(args, "--role");
        if (tenant == null || roles.isEmpty()) {
            System.err.println("token needs --tenant and at least one --role (agent, dialer, compliance, admin)");
            System.exit(2);
        }
        if (!Files.exists(data.resolve("secrets.properties"))) {
            System.err.println("No local keys in " + data + " yet: start the system once with deploy/run.sh");
            System.exit(1);
        }
        long ttl = Long.parseLong(option(args, "--ttl", "3600"));
        System.out.println(DevTokens.sign(LocalSecrets.loadOrCreate(data), tenant, roles, ttl));
    }

    private static void usage() {
        System.err.println("usage: run [--clean] [--data DIR] [--root DIR] | token --tenant T --role R [--role R] [--ttl S]");
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static List<String> options(String[] args, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                values.add(args[i + 1]);
            }
        }
        return values;
    }

    static boolean flag(String[] args, String name) {
        return List.of(args).contains(name);
    }

    /** Deletes a folder and everything in it (nothing if it does not exist): {@code --clean}, and tools' data folders. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dir, e);
        }
    }
}
