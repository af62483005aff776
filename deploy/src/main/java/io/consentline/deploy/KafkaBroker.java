package io.consentline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A real Kafka broker (KRaft, combined broker + controller) in its own process, from the Maven artifacts on
 * the launcher's classpath. Its storage is formatted once; a restart keeps its data.
 */
final class KafkaBroker {

    /** Topics the system uses, created up front with their partition counts and retention. */
    static final Map<String, Map<String, String>> TOPICS = Map.of(
            "consent.submissions.v1", Map.of(),
            "consent.submissions.v1.dlq", Map.of(),
            "consent.changes.v1", Map.of(),
            "consent.changes.v1.dlq", Map.of(),
            "audit.checkpoints.v1", Map.of(),
            "consent.state.v1", Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    static final int PARTITIONS = 3;

    private final ChildProcess process;

    private KafkaBroker(ChildProcess process) {
        this.process = process;
    }

    static KafkaBroker start(LauncherSettings settings, String classpath) {
        Path home = settings.dataDir().resolve("kafka");
        Path logs = settings.dataDir().resolve("logs");
        try {
            Files.createDirectories(home);
            Path config = writeConfig(settings, home);
            Path log4j = writeLogConfig(home, logs);
            List<String> jvm = List.of("-Xmx512m", "-Xms128m", "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath);
            if (!Files.exists(home.resolve("data").resolve("meta.properties"))) {
                ChildProcess.runJava("kafka-storage-format", concat(jvm, "kafka.tools.StorageTool", "format",
                        "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                        logs.resolve("kafka-format.log"), Duration.ofMinutes(2));
            }
            ChildProcess broker = ChildProcess.startJava("kafka", concat(jvm, "kafka.Kafka", config.toString()), Map.of(),
                    logs.resolve("kafka.out"));
            KafkaBroker started = new KafkaBroker(broker);
            started.awaitReady(settings.kafkaBootstrap(), Duration.ofSeconds(90));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka under " + home, e);
        }
    }

    /** Creates the system's topics that do not exist yet (on the launcher's or an external broker). */
    static void ensureTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = TOPICS.entrySet().stream().filter(t -> !existing.contains(t.getKey()))
                    .map(t -> new NewTopic(t.getKey(), PARTITIONS, (short) 1).configs(t.getValue()))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics on " + bootstrap, e);
        }
    }

    void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    void kill() {
        process.kill();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(String bootstrap, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited during start-up:\n" + process.tail());
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not up yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("Kafka was not ready within " + timeout + ":\n" + process.tail());
    }

    private static Path writeConfig(LauncherSettings s, Path home) throws IOException {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + s.kafkaControllerPort(),
                "listeners=PLAINTEXT://localhost:" + s.kafkaPort() + ",CONTROLLER://localhost:" + s.kafkaControllerPort(),
                "advertised.listeners=PLAINTEXT://localhost:" + s.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                // the gateway's transactions need one coordinator, not Kafka's default of 50 partitions to create
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "") ;
        Path file = home.resolve("server.properties");
        Files.writeString(file, config);
        return file;
    }

    private static Path writeLogConfig(Path home, Path logs) throws IOException {
        Files.createDirectories(logs);
        String config = String.join("\n",
                "status = error",
                "appender.file.type = File",
                "appender.file.name = FILE",
                "appender.file.fileName = " + logs.resolve("kafka.log"),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = FILE",
                "logger.kafka.name = kafka",
                "logger.kafka.level = INFO",
                "logger.state.name = state.change.logger",
                "logger.state.level = WARN",
                "");
        Path file = home.resolve("log4j2.properties");
        Files.writeString(file, config);
        return file;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
