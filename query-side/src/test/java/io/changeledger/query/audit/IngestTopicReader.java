package io.changeledger.query.audit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.changeledger.events.wire.LedgerTopics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The command side's ingest topic as the query side's auditor records reach it. */
final class IngestTopicReader {

    static final String TOPIC = "changeledger.ingest";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One record: its key, its source header and its value. */
    record Sent(String key, String source, JsonNode item) {

        JsonNode data() {
            return item.get("data");
        }
    }

    private IngestTopicReader() {
    }

    /** As the command side creates it; the query side waits for it and never creates it. */
    static void createTopic(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            LedgerTopics.ensure(admin, new LedgerTopics.TopicSpec(TOPIC, 3, (short) 1, 604_800_000L, 1));
        }
    }

    /** Every record from the start of the topic until those read satisfy the condition, or 60 seconds passed. */
    static List<Sent> readUntil(String bootstrapServers, Predicate<List<Sent>> done) {
        List<Sent> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (!done.test(read) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    var source = record.headers().lastHeader("changeledger-source");
                    read.add(new Sent(record.key(), source == null ? null
                            : new String(source.value(), StandardCharsets.UTF_8), JSON.readTree(record.value())));
                }
            }
        }
        return read;
    }
}
