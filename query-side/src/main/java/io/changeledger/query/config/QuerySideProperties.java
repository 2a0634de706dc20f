package io.changeledger.query.config;

import io.changeledger.events.wire.LedgerTopics;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;

/**
 * @param client          extra Kafka client properties (security, TLS, SASL), passed to every client
 * @param groupId         the consumer group of the projections; a new group id rebuilds them from offset zero
 * @param deadLetterTopic where records that are not valid ledger events go, with the reason in a header
 * @param retryBackoff    how long the consumer waits before it retries a batch the database did not take
 * @param checkpointsTopic where the command side publishes its signed checkpoints
 */
@ConfigurationProperties("changeledger.kafka")
public record QuerySideProperties(String bootstrapServers, Map<String, String> client, String eventsTopic,
                                  String groupId, LedgerTopics.TopicSpec deadLetterTopic,
                                  Duration requestTimeout, Duration retryBackoff,
                                  LedgerTopics.TopicSpec checkpointsTopic) {
}
