package io.changeledger.command.ingest;

import io.changeledger.command.HttpApiTest;
import io.changeledger.events.wire.DeadLetters;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest topic on a real Kafka and PostgreSQL: good records recorded once, bad ones parked with the reason. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class IngestTopicIntegrationTest extends HttpApiTest {

    private static final String TOPIC = "changeledger.ingest";
    private static final String DLQ = "changeledger.ingest.dlq";

    @Autowired
    private KafkaContainer kafka;

    @Test
    void recordsTheGoodRecordsOnceInEitherFormatAndParksEachBadOneWithItsReasonThenCommitsPastThemAll()
            throws Exception {
        String run = UUID.randomUUID().toString();
        String service = "svc-" + run;
        String source = uniqueSourceName("argo-kafka");
        registerSource(source, "KAFKA", "\"scope\":{\"types\":[\"deployment.*\",\"change.*\"]}");

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, run + "-1", source, deployment(run + "-a", service, "1.0.0"));
            send(producer, run + "-2", source, "{not json");
            send(producer, run + "-3", null, deployment(run + "-b", service, "1.0.1"));
            send(producer, run + "-4", "nobody-" + run, deployment(run + "-c", service, "1.0.2"));
            send(producer, run + "-5", source, """
                    {"type":"deployment.recorded","idempotencyKey":"%s-d","data":{"service":"%s"}}"""
                    .formatted(run, service));
            send(producer, run + "-6", source, """
                    {"type":"access.requested","idempotencyKey":"%s-e","data":{"principal":"alice","system":"%s",
                     "role":"viewer","justification":"x","duration":"PT1H"}}""".formatted(run, service));
            send(producer, run + "-7", source, deployment(run + "-a", service, "1.0.0"));
            send(producer, run + "-8", source, deployment(run + "-f", service, "1.0.3"));
            ProducerRecord<String, byte[]> binary = new ProducerRecord<>(TOPIC, run + "-9", """
                    {"service":"%s","environment":"staging","version":"1.0.4","actor":"argo"}"""
                    .formatted(service).getBytes(StandardCharsets.UTF_8));
            header(binary, IngestTopicConsumer.SOURCE_HEADER, source);
            header(binary, "ce_specversion", "1.0");
            header(binary, "ce_id", run + "-g");
            header(binary, "ce_source", "/argocd/prod");
            header(binary, "ce_type", "io.changeledger.deployment.recorded");
            header(binary, "content-type", "application/json");
            producer.send(binary).get();
            ProducerRecord<String, byte[]> structured = new ProducerRecord<>(TOPIC, run + "-10",
                    "{\"specversion\":\"1.0\",\"id\":\"h\"}".getBytes(StandardCharsets.UTF_8));
            header(structured, IngestTopicConsumer.SOURCE_HEADER, source);
            header(structured, "content-type", "application/cloudevents+json");
            producer.send(structured).get();
            producer.flush();
        }

        List<String> versions = eventually(() -> jdbc.sql("""
                        select convert_from(payload, 'UTF8')::jsonb -> 'details' ->> 'version' from
                        command.domainevententry where convert_from(payload, 'UTF8')::jsonb ->> 'service' = ?
                        order by globalindex""").param(service).query(String.class).list(),
                list -> list.size() >= 3);
        Map<String, String> parked = eventually(() -> deadLetters(run), map -> map.size() >= 6);

        // records of different keys land on different partitions, so only the set of versions is certain
        assertThat(versions).containsExactlyInAnyOrder("1.0.0", "1.0.3", "1.0.4");
        assertThat(parked).containsOnlyKeys(run + "-2", run + "-3", run + "-4", run + "-5", run + "-6",
                run + "-10");
        assertThat(parked.get(run + "-10")).startsWith("INVALID: not a valid CloudEvent");
        assertThat(parked.get(run + "-2")).startsWith("INVALID: the value is not JSON");
        assertThat(parked.get(run + "-3")).startsWith("INVALID: the record names no source");
        assertThat(parked.get(run + "-4")).isEqualTo("OUT_OF_SCOPE: 'nobody-" + run + "' is no enabled Kafka source");
        assertThat(parked.get(run + "-5")).startsWith("INVALID: Invalid fields: data.actor");
        assertThat(parked.get(run + "-6")).isEqualTo("OUT_OF_SCOPE: source '" + source
                + "' may not report access.requested");
        assertThat(eventually(this::uncommittedRecords, lag -> lag == 0)).isZero();
    }

    @Test
    void logsWhereABadRecordWasParkedButNotWhatItSaid(CapturedOutput output) throws Exception {
        String run = UUID.randomUUID().toString();
        String source = uniqueSourceName("iam-kafka");
        registerSource(source, "KAFKA", "");
        // not JSON: the parser's reason quotes the token, here a person's name
        String name = "ZoeQuill" + run.replace("-", "");

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, run + "-1", source, name);
        }

        Map<String, String> parked = eventually(() -> deadLetters(run), map -> map.containsKey(run + "-1"));
        assertThat(parked.get(run + "-1")).as("the dead letter keeps the evidence").contains(name);
        assertThat(output.getAll()).contains("as INVALID; the reason is in its header " + DeadLetters.REASON)
                .doesNotContain(name);
    }

    private static String deployment(String key, String service, String version) {
        return """
                {"type":"deployment.recorded","idempotencyKey":"%s","data":{"service":"%s",
                 "environment":"staging","version":"%s","actor":"argo"}}""".formatted(key, service, version);
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String source, String value)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, key,
                value.getBytes(StandardCharsets.UTF_8));
        if (source != null) {
            record.headers().add(IngestTopicConsumer.SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get();
    }

    /** The parked records of this run by key, as "rejection: reason". */
    private Map<String, String> deadLetters(String run) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, String> parked = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(DLQ).stream()
                    .map(info -> new TopicPartition(DLQ, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant until = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(run)) {
                        parked.put(record.key(), header(record, IngestTopicConsumer.REJECTION) + ": "
                                + header(record, DeadLetters.REASON));
                        assertThat(header(record, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(TOPIC);
                    }
                }
            }
        }
        return parked;
    }

    private long uncommittedRecords() {
        return GroupLag.uncommittedRecords(kafka.getBootstrapServers(), TOPIC, "changeledger-ingest");
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
