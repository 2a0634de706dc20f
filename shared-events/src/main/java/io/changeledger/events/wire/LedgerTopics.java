package io.changeledger.events.wire;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Creates the ledger's topics with explicit settings, so that a broker never auto-creates one with its
 * default (expiring) retention.
 */
public final class LedgerTopics {

    private static final Logger log = LoggerFactory.getLogger(LedgerTopics.class);
    private static final int UNKNOWN_TOPIC_ATTEMPTS = 50;

    /**
     * @param retentionMs -1 keeps records forever, as a ledger must
     */
    public record TopicSpec(String name, int partitions, short replicationFactor, long retentionMs,
                            int minInsyncReplicas) {
    }

    private LedgerTopics() {
    }

    /** Creates the topic if it does not exist; an existing one with another retention is reported loudly. */
    public static void ensure(Admin admin, TopicSpec topic) {
        try {
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
                String retention = retentionOf(admin, topic.name());
                if (!Long.toString(topic.retentionMs()).equals(retention)) {
                    log.error("Topic {} exists with retention.ms={}, not {}: Kafka will delete ledger records",
                            topic.name(), retention, topic.retentionMs());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topic " + topic.name() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
        }
    }

    /**
     * Another client may have just made the topic (both apps make the checkpoints topic, and start together in
     * the embedded mode): the controller then says it exists while the broker asked next may not know it yet.
     */
    private static String retentionOf(Admin admin, String topic) throws ExecutionException, InterruptedException {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                        .get(TopicConfig.RETENTION_MS_CONFIG).value();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == UNKNOWN_TOPIC_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
