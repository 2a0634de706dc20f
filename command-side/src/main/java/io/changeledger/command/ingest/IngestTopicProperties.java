package io.changeledger.command.ingest;

import io.changeledger.events.wire.LedgerTopics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The ingest topic, where tools that speak Kafka send their events, and its dead-letter topic.
 *
 * @param enabled        whether the command side consumes the ingest topic
 * @param consumers      consumer threads of this instance; more than the topic's partitions would idle
 * @param groupId        the consumer group every instance joins, so each record is taken by one of them
 * @param maxPollRecords records taken per poll; their offsets are committed once all of them are stored
 * @param retryBackoff   how long to wait before reading a record again that could not be stored now
 * @param commitInterval how often at most a consumer commits the offsets of what it stored: each commit is a request
 *                       and an fsync'ed append on the broker, and a crash in between only reads records again, which
 *                       their idempotency keys answer as duplicates
 */
@ConfigurationProperties("changeledger.ingest.kafka")
record IngestTopicProperties(@DefaultValue("true") boolean enabled,
                             LedgerTopics.TopicSpec topic,
                             LedgerTopics.TopicSpec deadLetterTopic,
                             @DefaultValue("2") int consumers,
                             @DefaultValue("changeledger-ingest") String groupId,
                             @DefaultValue("500") int maxPollRecords,
                             @DefaultValue("1s") Duration retryBackoff,
                             @DefaultValue("200ms") Duration commitInterval) {
}
