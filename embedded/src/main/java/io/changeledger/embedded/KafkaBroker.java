package io.changeledger.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A single-node Kafka (KRaft, broker and controller in one) running inside the launcher's JVM. */
final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaBroker start(Path logDir, int port, int controllerPort) throws Exception {
        Files.createDirectories(logDir);
        String bootstrapServers = "127.0.0.1:" + port;
        KafkaConfig config = new KafkaConfig(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(NODE_ID)),
                // a static voter set keeps the ports changeable between restarts
                Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://" + bootstrapServers + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + bootstrapServers),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                // internal topics default to three replicas, which one node can never satisfy
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // the apps create their topics with the ledger's retention (forever); a consumer that subscribes
                // first must not get the topic auto-created with the broker's default of seven days
                Map.entry("auto.create.topics.enable", "false"),
                // nobody else will join a group here, so waiting for them only delays the first poll
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // with one replica, an append only in the page cache is lost on a power failure, after the
                // command side has moved on; a ledger pays an fsync per append instead, as PostgreSQL does
                Map.entry("log.flush.interval.messages", "1")), false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // returns once the broker is registered with the controller and unfenced, i.e. serving
            server.startup();
        } catch (RuntimeException e) {
            // a broker that fails to start leaves the controller running, with its non-daemon threads
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        return new KafkaBroker(server, bootstrapServers);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Stopped Kafka");
    }

    @Override
    public String toString() {
        return "Kafka";
    }

    /** What {@code kafka-storage.sh format} does, with a new cluster id, on the very first start. */
    private static void format(Path logDir) throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        // the formatter reports on a print stream; its bootstrap record dump is of no use on the console
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(report, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        }
        LOG.debug("Kafka storage formatter: {}", report.toString(StandardCharsets.UTF_8));
        LOG.info("Formatted new Kafka storage in {} for cluster {}", logDir, clusterId);
    }
}
