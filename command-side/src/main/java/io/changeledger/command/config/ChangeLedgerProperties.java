package io.changeledger.command.config;

import io.changeledger.events.wire.LedgerTopics;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * @param queryBaseUrl where the query API is reachable, for the {@code Location} of a recorded change
 */
@ConfigurationProperties("changeledger")
public record ChangeLedgerProperties(URI queryBaseUrl, Kafka kafka) {

    /**
     * @param client             extra Kafka client properties (security, TLS, SASL), passed to every client
     * @param transactionalId    must be the same on every instance: the broker then fences a stale publisher
     * @param recoveryScanWindow how many records per partition the publisher reads back after a failure, to
     *                           recognise events that reached Kafka although their batch was not confirmed
     */
    public record Kafka(String bootstrapServers, Map<String, String> client, LedgerTopics.TopicSpec eventsTopic,
                        String transactionalId, int recoveryScanWindow, Duration requestTimeout) {
    }
}
