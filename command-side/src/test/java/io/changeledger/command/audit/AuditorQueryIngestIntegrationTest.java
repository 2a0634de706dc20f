package io.changeledger.command.audit;

import io.changeledger.command.HttpApiTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.testcontainers.kafka.KafkaContainer;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side's records of auditors' requests, as it sends them to the ingest topic (the Kafka source header,
 * an {@code auditor.query} item keyed by the request's id), become {@code AuditorQueryRecorded} events, once each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditorQueryIngestIntegrationTest extends HttpApiTest {

    private static final String TOPIC = "changeledger.ingest";
    private static final String DLQ = "changeledger.ingest.dlq";
    private static final String SOURCE_HEADER = "changeledger-source";

    @Autowired
    private KafkaContainer kafka;

    @Test
    void recordsEachAuditorQueryOnceAsAnEventOfItsOwnWithTheSourceAsItsSourceSystem() throws Exception {
        String source = uniqueSourceName("query-side");
        registerSource(source, "KAFKA", "\"scope\":{\"types\":[\"auditor.query\"]}");
        String queryId = UUID.randomUUID().toString();

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, source, item(queryId, "ivan@audit-firm.example"));
            // the query side's sender sends again whatever Kafka did not acknowledge
            send(producer, source, item(queryId, "ivan@audit-firm.example"));
        }

        List<String> types = eventually(() -> eventTypes(queryId), list -> !list.isEmpty());
        JsonNode recorded = stored(queryId, "AuditorQueryRecorded");
        assertThat(recorded.get("auditor").asString()).isEqualTo("ivan@audit-firm.example");
        assertThat(recorded.get("authenticated").asBoolean()).isFalse();
        assertThat(recorded.get("method").asString()).isEqualTo("GET");
        assertThat(recorded.get("path").asString()).isEqualTo("/api/v1/audit/populations/changes");
        assertThat(recorded.get("query").asString()).isEqualTo("environment=production&limit=2");
        assertThat(recorded.get("status").asInt()).isEqualTo(200);
        assertThat(recorded.get("rowCount").asInt()).isEqualTo(2);
        assertThat(recorded.get("sourceSystem").asString()).isEqualTo(source);
        assertThat(recorded.get("occurredAt").asString()).isEqualTo("2026-11-26T10:00:00.123456Z");
        Thread.sleep(1_000);
        assertThat(eventTypes(queryId)).isEqualTo(types).containsExactly("AuditorQueryRecorded");
    }

    @Test
    void refusesAuditorQueriesFromASourceWhoseScopeDoesNotNameThem() throws Exception {
        String everything = uniqueSourceName("any-tool");
        registerSource(everything, "KAFKA", "");
        String queryId = UUID.randomUUID().toString();

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, everything, item(queryId, "mallory"));
        }

        String parked = eventually(() -> parkedReason(queryId), reason -> reason != null);
        assertThat(parked).contains("may report auditor.query only if its scope names that type");
        assertThat(eventTypes(queryId)).isEmpty();
    }

    private static String item(String queryId, String auditor) {
        return """
                {"type":"auditor.query","idempotencyKey":"%s","data":{"queryId":"%s","auditor":"%s",
                 "authenticated":false,"method":"GET","path":"/api/v1/audit/populations/changes",
                 "query":"environment=production&limit=2","status":200,"rowCount":2,"durationMillis":12,
                 "clientAddress":"10.0.4.17","occurredAt":"2026-11-26T10:00:00.123456Z"}}"""
                .formatted(queryId, queryId, auditor);
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String source, String value) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, JSON.readTree(value).get("idempotencyKey")
                .asString(), value.getBytes(StandardCharsets.UTF_8));
        record.headers().add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    private String parkedReason(String key) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            var infos = consumer.partitionsFor(DLQ);
            if (infos == null || infos.isEmpty()) {
                return null;
            }
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(DLQ, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant until = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return new String(record.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return null;
    }
}
