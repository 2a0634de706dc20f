package io.changeledger.command.publication;

import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.events.wire.LedgerLeaf;
import io.changeledger.events.wire.LedgerRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads the whole events topic the way a consumer of the ledger does: committed records only. */
public final class LedgerTopicReader {

    public record Received(int partition, long offset, String key, LedgerEnvelope envelope, LedgerLeaf leaf) {
    }

    private LedgerTopicReader() {
    }

    /** Reads from the beginning until {@code enough} holds for what was read, or fails after {@code timeout}. */
    public static List<Received> readUntil(String bootstrapServers, String topic, Predicate<List<Received>> enough,
                                    Duration timeout) {
        var codec = new LedgerRecordCodec();
        List<Received> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            Instant deadline = Instant.now().plus(timeout);
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!enough.test(received)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("gave up after " + timeout + " with " + received.size() + " records");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(new Received(record.partition(), record.offset(), record.key(),
                            codec.fromRecord(record), codec.leafOf(record.headers())));
                }
            }
        }
        return received;
    }
}
