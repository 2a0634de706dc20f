package io.changeledger.command.ingest;

import io.changeledger.command.HttpApiTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offsets of stored records are committed together, not once a poll: with an hour between periodic commits, what was
 * stored is committed only when the consumer stops or its partitions are taken away, and then before anybody else
 * reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "changeledger.ingest.kafka.topic.name=" + IngestTopicOffsetCommitIntegrationTest.TOPIC,
        "changeledger.ingest.kafka.group-id=" + IngestTopicOffsetCommitIntegrationTest.GROUP,
        "changeledger.ingest.kafka.consumers=1",
        "changeledger.ingest.kafka.commit-interval=1h"})
class IngestTopicOffsetCommitIntegrationTest extends HttpApiTest {

    static final String TOPIC = "changeledger.ingest.commits";
    static final String GROUP = "changeledger-ingest-commits";

    @Autowired
    private KafkaContainer kafka;

    @Autowired
    private IngestTopicConsumer consumer;

    @Test
    void commitsWhatItStoredWhenItStopsAndNotBefore() throws Exception {
        String service = sendThreeDeployments();
        assertThat(eventually(() -> recorded(service), count -> count == 3)).isEqualTo(3);
        assertThat(uncommittedRecords()).as("stored, and waiting for the next commit").isEqualTo(3);

        consumer.stop();
        try {
            assertThat(uncommittedRecords()).isZero();
        } finally {
            consumer.start();
        }
    }

    @Test
    void commitsWhatItStoredBeforeAnotherConsumerOfTheGroupTakesPartitions() throws Exception {
        String service = sendThreeDeployments();
        assertThat(eventually(() -> recorded(service), count -> count == 3)).isEqualTo(3);
        assertThat(uncommittedRecords()).isEqualTo(3);

        try (KafkaConsumer<String, byte[]> other = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            other.subscribe(List.of(TOPIC));
            // the other member reads from the committed offsets, so it gets none of the stored records
            int taken = eventually(() -> {
                int count = other.poll(Duration.ofMillis(200)).count();
                return other.assignment().isEmpty() ? -1 : count;
            }, count -> count >= 0);
            assertThat(taken).isZero();
            assertThat(uncommittedRecords()).isZero();
        }
        assertThat(recorded(service)).as("recorded once").isEqualTo(3);
    }

    private String sendThreeDeployments() throws Exception {
        String run = UUID.randomUUID().toString();
        String service = "svc-" + run;
        String source = uniqueSourceName("commits-kafka");
        registerSource(source, "KAFKA", "");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < 3; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, run + "-" + i, """
                        {"type":"deployment.recorded","idempotencyKey":"%s-%d","data":{"service":"%s",
                         "environment":"staging","version":"1.0.%d","actor":"argo"}}"""
                        .formatted(run, i, service, i));
                record.headers().add(IngestTopicConsumer.SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        return service;
    }

    private long recorded(String service) {
        return jdbc.sql("""
                        select count(*) from command.domainevententry
                        where convert_from(payload, 'UTF8')::jsonb ->> 'service' = ?""")
                .param(service).query(Long.class).single();
    }

    private long uncommittedRecords() {
        return GroupLag.uncommittedRecords(kafka.getBootstrapServers(), TOPIC, GROUP);
    }
}
