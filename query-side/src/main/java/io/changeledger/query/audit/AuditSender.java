package io.changeledger.query.audit;

import io.changeledger.query.config.QuerySideProperties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drains the outbox to the command side's ingest topic, as the Kafka source {@link AuditProperties#source()}, one
 * item a record: an {@code auditor.query} for each audited request, and the API tokens' items. A batch leaves the
 * outbox in the transaction that locked it, only once Kafka acknowledged every record of it; if Kafka is down, or
 * the command side has not created the topic yet, the records wait and go later. A record sent twice (acknowledged,
 * but the deletion did not commit) carries the same idempotency key and the same data, and the command side records
 * it once.
 */
@Component
class AuditSender implements SmartLifecycle {

    static final String SOURCE_HEADER = "changeledger-source";
    static final String ITEM_TYPE = "auditor.query";

    private static final Logger log = LoggerFactory.getLogger(AuditSender.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditProperties properties;
    private final QuerySideProperties kafka;
    private final AuditOutbox outbox;
    private final TransactionTemplate transaction;
    private final Semaphore wakeups = new Semaphore(0);

    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private boolean topicSeen;
    private boolean toldMissing;

    AuditSender(AuditProperties properties, QuerySideProperties kafka, AuditOutbox outbox,
                TransactionTemplate transaction) {
        this.properties = properties;
        this.kafka = kafka;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** A record is waiting: send it now rather than after the interval. */
    void wake() {
        wakeups.release();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "auditor-request-sender");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            thread.join(kafka.requestTimeout().toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            while (running) {
                int sent;
                try {
                    sent = topicExists() ? sendBatch() : 0;
                } catch (RuntimeException e) {
                    log.warn("Sending auditor requests to {} failed; they wait in the outbox, next try in {}: {}",
                            properties.ingestTopic(), properties.retryBackoff(), e.toString());
                    closeProducer();
                    sleep(properties.retryBackoff());
                    continue;
                }
                if (sent < properties.sendBatch()) {
                    wakeups.tryAcquire(properties.sendInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeProducer();
        }
    }

    /** The query side never makes the topic: the command side owns its partitions and retention. */
    private boolean topicExists() {
        if (topicSeen) {
            return true;
        }
        try (Admin admin = Admin.create(common())) {
            admin.describeTopics(Set.of(properties.ingestTopic())).allTopicNames()
                    .get(kafka.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            topicSeen = true;
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                if (!toldMissing) {
                    toldMissing = true;
                    log.info("Topic {} does not exist yet; auditor requests wait in the outbox until the command side"
                            + " creates it", properties.ingestTopic());
                }
                sleepQuietly(properties.retryBackoff());
                return false;
            }
            throw new IllegalStateException("Kafka did not describe " + properties.ingestTopic(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + kafka.requestTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int sendBatch() {
        Integer sent = transaction.execute(status -> {
            List<AuditorRequest> batch = outbox.oldest(properties.sendBatch());
            List<AuditOutbox.Item> items = outbox.oldestItems(properties.sendBatch() - batch.size());
            if (batch.isEmpty() && items.isEmpty()) {
                return 0;
            }
            KafkaProducer<String, byte[]> kafkaProducer = producer();
            List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(batch.size() + items.size());
            for (AuditorRequest request : batch) {
                acknowledgements.add(kafkaProducer.send(record(request)));
            }
            for (AuditOutbox.Item item : items) {
                acknowledgements.add(kafkaProducer.send(record(item)));
            }
            kafkaProducer.flush();
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                awaitAcknowledgement(acknowledgement);
            }
            outbox.remove(batch.stream().map(AuditorRequest::requestId).toList());
            outbox.removeItems(items.stream().map(AuditOutbox.Item::itemId).toList());
            return batch.size() + items.size();
        });
        return sent == null ? 0 : sent;
    }

    private void awaitAcknowledgement(Future<RecordMetadata> acknowledgement) {
        try {
            acknowledgement.get(kafka.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take an auditor request", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge an auditor request in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /** Built from the stored row alone, so that a record sent again is the same bytes under the same key. */
    ProducerRecord<String, byte[]> record(AuditorRequest request) {
        String id = request.requestId().toString();
        ObjectNode item = JSON.createObjectNode();
        item.put("type", ITEM_TYPE);
        item.put("idempotencyKey", id);
        ObjectNode data = item.putObject("data");
        data.put("queryId", id);
        data.put("auditor", request.auditor());
        data.put("authenticated", request.authenticated());
        data.put("method", request.method());
        data.put("path", request.path());
        if (request.query() != null) {
            data.put("query", request.query());
        }
        data.put("status", request.status());
        if (request.rowCount() != null) {
            data.put("rowCount", request.rowCount());
        }
        data.put("durationMillis", request.durationMillis());
        if (request.clientAddress() != null) {
            data.put("clientAddress", request.clientAddress());
        }
        data.put("occurredAt", request.requestedAt().toString());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.ingestTopic(), id,
                JSON.writeValueAsBytes(item));
        record.headers().add(SOURCE_HEADER, properties.source().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    ProducerRecord<String, byte[]> record(AuditOutbox.Item item) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.ingestTopic(), item.recordKey(),
                item.item().getBytes(StandardCharsets.UTF_8));
        record.headers().add(SOURCE_HEADER, properties.source().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = common();
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            int timeout = (int) kafka.requestTimeout().toMillis();
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout + 1_000);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } finally {
                producer = null;
            }
        }
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>(kafka.client() == null ? Map.of() : kafka.client());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "changeledger-query-side-audit");
        int timeout = (int) kafka.requestTimeout().toMillis();
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        return config;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private static void sleepQuietly(Duration duration) {
        try {
            sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
