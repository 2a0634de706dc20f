package io.changeledger.benchmark;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The ledger's ingest topic as a tool sees it, plus what the benchmark reads to know the ledger has taken the
 * records: the ingest consumer group's committed offsets (the command side commits a record's offset only once it
 * is recorded or parked) and the end offsets of the dead-letter topic (what it parked). The producer keeps the
 * client's defaults (acks=all, idempotence on): what a tool gets without tuning.
 */
final class KafkaIngest implements AutoCloseable {

    static final String TOPIC = "changeledger.ingest";
    static final String DEAD_LETTER_TOPIC = "changeledger.ingest.dlq";
    static final String GROUP = "changeledger-ingest";
    static final String SOURCE_HEADER = "changeledger-source";

    private static final long CALL_TIMEOUT_SECONDS = 30;

    private final String bootstrap;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    KafkaIngest(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "changeledger-benchmark-admin");
        this.admin = Admin.create(adminConfig);
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "changeledger-benchmark");
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * @return the topic's partitions, or empty when the topic does not exist (the command side creates the ingest
     *         topics when its ingest consumer starts)
     * @throws KafkaUnavailableException when the brokers do not answer
     */
    Optional<List<TopicPartition>> partitions(String topic) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return Optional.of(described.get(topic).partitions().stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw unavailable("describing " + topic, e);
        } catch (TimeoutException e) {
            throw unavailable("describing " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("describing " + topic, e);
        }
    }

    Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all()
                    .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = new HashMap<>();
            offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("reading the end offsets", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("reading the end offsets", e);
        }
    }

    /** The ingest group's committed offsets; a partition it never committed for is left out. */
    Map<TopicPartition, Long> committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("reading the offsets of group " + GROUP, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("reading the offsets of group " + GROUP, e);
        }
    }

    /** Keyed by the idempotency key, which spreads the records evenly over the partitions whatever the services. */
    void send(IngestEvent event, String source, Callback callback) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, event.idempotencyKey(), event.utf8());
        record.headers().add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        producer.send(record, callback);
    }

    /** Returns once every record sent so far is acknowledged or has failed. */
    void flush() {
        producer.flush();
    }

    /** The reasons the command side gave for the first records it parked from {@code from} on, for the report. */
    List<String> parkedReasons(Map<TopicPartition, Long> from, int most) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "changeledger-benchmark-dlq");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reasons.size() < most && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (reasons.size() < most) {
                        Header reason = record.headers().lastHeader("dlq-reason");
                        reasons.add(reason == null ? "(no reason header)"
                                : new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (RuntimeException e) {
            reasons.add("(could not read " + DEAD_LETTER_TOPIC + ": " + e + ")");
        }
        return reasons;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        admin.close(Duration.ofSeconds(10));
    }

    private KafkaUnavailableException unavailable(String what, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof TimeoutException ? "no answer within " + CALL_TIMEOUT_SECONDS + " s"
                : cause.toString();
        return new KafkaUnavailableException("Kafka at " + bootstrap + ": " + what + " failed: " + why, e);
    }

    /** The brokers did not answer, or refused what the benchmark asked. */
    static final class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
