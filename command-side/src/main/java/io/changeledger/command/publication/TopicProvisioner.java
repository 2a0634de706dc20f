package io.changeledger.command.publication;

import io.changeledger.command.config.ChangeLedgerProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Creates the events topic with the ledger's settings. It runs at start-up and again before the first
 * publication, so a ChangeLedger started while Kafka is down records changes and creates the topic
 * once Kafka is back, and the broker never auto-creates it with a default (expiring) retention.
 */
@Component
class TopicProvisioner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaClients clients;
    private volatile boolean ensured;

    TopicProvisioner(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            ensureTopic();
        } catch (RuntimeException e) {
            log.warn("Kafka is not reachable at start-up; events are kept in the event store and "
                    + "published when it is", e);
        }
    }

    void ensureTopic() {
        if (ensured) {
            return;
        }
        ChangeLedgerProperties.Topic topic = clients.settings().eventsTopic();
        try (Admin admin = clients.admin()) {
            try {
                admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), topic.replicationFactor())
                        .configs(Map.of(
                                TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retentionMs()),
                                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topic.minInsyncReplicas())))))
                        .all().get();
                log.info("Created topic {} with {} partitions, replication factor {}, retention.ms {}",
                        topic.name(), topic.partitions(), topic.replicationFactor(), topic.retentionMs());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                warnIfRetentionDiffers(admin, topic);
            }
            ensured = true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topic " + topic.name() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
        }
    }

    private static void warnIfRetentionDiffers(Admin admin, ChangeLedgerProperties.Topic topic)
            throws ExecutionException, InterruptedException {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        String retention = config.get(TopicConfig.RETENTION_MS_CONFIG).value();
        if (!Long.toString(topic.retentionMs()).equals(retention)) {
            log.error("Topic {} exists with retention.ms={}, not {}: Kafka will delete ledger events",
                    topic.name(), retention, topic.retentionMs());
        }
    }
}
