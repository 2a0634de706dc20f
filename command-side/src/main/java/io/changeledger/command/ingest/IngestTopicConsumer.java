package io.changeledger.command.ingest;

import io.changeledger.command.ingest.cloudevents.CloudEventException;
import io.changeledger.command.ingest.cloudevents.CloudEventItems;
import io.changeledger.command.ingest.cloudevents.KafkaCloudEvents;
import io.changeledger.command.publication.KafkaClients;
import io.changeledger.command.source.Source;
import io.changeledger.command.source.SourceRegistry;
import io.changeledger.events.source.SourceKind;
import io.changeledger.events.wire.DeadLetters;
import io.changeledger.events.wire.LedgerTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Consumes the ingest topic. Each record is one event from a Kafka source, in the ledger's item format or as a
 * CloudEvent (the CloudEvents Kafka binding, structured or binary), named by the {@value #SOURCE_HEADER}
 * header (Kafka's own authentication admits the producer; the ledger checks the source is registered and its
 * scope). A record is recorded, or found a duplicate, or parked on the dead-letter topic with the reason; only then
 * is its offset committed, so a crash re-reads records and their idempotency keys make that harmless. Offsets are
 * committed at most once a {@link IngestTopicProperties#commitInterval() commit interval}, when partitions are taken
 * away, and when the consumer stops: at a few events a poll, a commit per poll cost the broker as many requests and
 * fsyncs as the records themselves. A record that cannot be stored now (the database is down) is read again after a
 * pause, never skipped.
 */
@Component
class IngestTopicConsumer implements SmartLifecycle {

    static final String SOURCE_HEADER = "changeledger-source";
    /** Beside {@link DeadLetters#REASON}: whether sending the record again could help. */
    static final String REJECTION = "dlq-rejection";

    private static final Logger log = LoggerFactory.getLogger(IngestTopicConsumer.class);

    private final KafkaClients clients;
    private final IngestTopicProperties properties;
    private final Ingestion ingestion;
    private final SourceRegistry sources;
    private final JsonMapper json;
    private final List<Worker> workers = new ArrayList<>();
    private volatile boolean running;
    private boolean topicsReady;

    IngestTopicConsumer(KafkaClients clients, IngestTopicProperties properties, Ingestion ingestion,
                        SourceRegistry sources, JsonMapper json) {
        this.clients = clients;
        this.properties = properties;
        this.ingestion = ingestion;
        this.sources = sources;
        this.json = json;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || running) {
            return;
        }
        running = true;
        for (int i = 0; i < properties.consumers(); i++) {
            Worker worker = new Worker();
            workers.add(worker);
            new Thread(worker, "ingest-topic-" + i).start();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        workers.forEach(Worker::wakeup);
        workers.forEach(Worker::awaitStopped);
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the database pool go, so the last records are stored and committed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private enum Outcome { DONE, RETRY }

    /** Once, by the first worker to start: the topics outlive every worker and every restart of one. */
    private synchronized void ensureTopics() {
        if (topicsReady) {
            return;
        }
        try (Admin admin = clients.admin()) {
            LedgerTopics.ensure(admin, properties.topic());
            LedgerTopics.ensure(admin, properties.deadLetterTopic());
        }
        topicsReady = true;
    }

    private final class Worker implements Runnable {

        private volatile KafkaConsumer<String, byte[]> consumer;
        private final CountDownLatch stopped = new CountDownLatch(1);
        /** Offsets of records settled but not yet committed, per partition the next one to read. */
        private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
        private long lastCommit = System.nanoTime();

        @Override
        public void run() {
            try {
                while (running) {
                    try {
                        consume();
                    } catch (WakeupException e) {
                        // stop() woke the consumer up
                    } catch (RuntimeException e) {
                        log.warn("Consuming {} failed; trying again in {}: {}", properties.topic().name(),
                                properties.retryBackoff(), e.toString());
                        pause();
                    }
                }
            } finally {
                stopped.countDown();
            }
        }

        private void consume() {
            ensureTopics();
            try (KafkaConsumer<String, byte[]> kafka = clients.groupConsumer(properties.groupId(),
                    properties.maxPollRecords());
                 KafkaProducer<String, byte[]> deadLetterProducer = clients.durableProducer()) {
                DeadLetters deadLetters = new DeadLetters(deadLetterProducer, properties.deadLetterTopic().name());
                consumer = kafka;
                if (!running) {
                    return;
                }
                kafka.subscribe(List.of(properties.topic().name()), new CommitBeforeRevocation(kafka));
                try {
                    while (running) {
                        ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
                        if (!records.isEmpty() && !process(kafka, deadLetters, records)) {
                            pause();
                        }
                        if (System.nanoTime() - lastCommit >= properties.commitInterval().toNanos()) {
                            commit(kafka);
                        }
                    }
                } finally {
                    commitOnLeaving(kafka);
                }
            } finally {
                consumer = null;
            }
        }

        private void commit(KafkaConsumer<String, byte[]> kafka) {
            lastCommit = System.nanoTime();
            if (!uncommitted.isEmpty()) {
                kafka.commitSync(uncommitted);
                uncommitted.clear();
            }
        }

        /** What was stored is committed however the loop ends, so that the next owner does not read it again. */
        private void commitOnLeaving(KafkaConsumer<String, byte[]> kafka) {
            try {
                commit(kafka);
            } catch (WakeupException e) {
                // stop() woke the consumer up once more: the wake-up is used up now
                commit(kafka);
            } catch (RuntimeException e) {
                log.info("Could not commit the offsets of {} stored record(s) of {}; they are read again and found"
                        + " duplicates: {}", uncommitted.size(), properties.topic().name(), e.toString());
                uncommitted.clear();
            }
        }

        /** Runs inside {@code poll}, on this thread, before another consumer of the group may take the partitions. */
        private final class CommitBeforeRevocation implements ConsumerRebalanceListener {

            private final KafkaConsumer<String, byte[]> kafka;

            CommitBeforeRevocation(KafkaConsumer<String, byte[]> kafka) {
                this.kafka = kafka;
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commit(kafka);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                // another consumer owns them already: a commit would be refused, and it reads them again anyway
                uncommitted.keySet().removeAll(partitions);
            }
        }

        /**
         * Records the poll's items together (see {@link Ingestion#ingestAll}), then settles each partition's records
         * in order up to the first that must be read again: those after it are neither parked nor marked for the next
         * commit, so reading them again parks nothing twice, and what of them was recorded is then found a duplicate.
         *
         * @return whether every record was settled; else the unsettled ones are read again
         */
        private boolean process(KafkaConsumer<String, byte[]> kafka, DeadLetters deadLetters,
                                ConsumerRecords<String, byte[]> records) {
            // a poll's records mostly come from a few sources: each is looked up once, not once a record
            Map<String, Optional<Source>> sourcesOfPoll = new HashMap<>();
            Map<ConsumerRecord<String, byte[]>, Read> reads = new IdentityHashMap<>();
            Map<ConsumerRecord<String, byte[]>, Integer> positions = new IdentityHashMap<>();
            List<Ingestion.Sent> items = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                Read read = read(record, sourcesOfPoll);
                reads.put(record, read);
                if (read.item() != null) {
                    positions.put(record, items.size());
                    items.add(new Ingestion.Sent(read.source(), 0, read.item()));
                }
            }
            List<IngestResult> results = ingestion.ingestAll(items);
            Map<TopicPartition, OffsetAndMetadata> settled = new HashMap<>();
            boolean all = true;
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    Read read = reads.get(record);
                    Outcome outcome = read.item() == null ? park(deadLetters, record, read.reason(), read.rejection())
                            : settle(deadLetters, record, results.get(positions.get(record)));
                    if (outcome == Outcome.RETRY) {
                        kafka.seek(partition, record.offset());
                        all = false;
                        break;
                    }
                    settled.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
            }
            uncommitted.putAll(settled);
            return all;
        }

        void wakeup() {
            KafkaConsumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        void awaitStopped() {
            try {
                if (!stopped.await(30, TimeUnit.SECONDS)) {
                    log.warn("An ingest consumer did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A record read: the item to record and its source, or why it is parked without reaching the ledger. */
    private record Read(Source source, IngestItem item, String reason, IngestResult.Rejection rejection) {
    }

    private Read read(ConsumerRecord<String, byte[]> record, Map<String, Optional<Source>> sourcesOfPoll) {
        String sourceName = header(record, SOURCE_HEADER);
        if (sourceName == null) {
            return new Read(null, null, "the record names no source: set the " + SOURCE_HEADER + " header",
                    IngestResult.Rejection.INVALID);
        }
        Optional<Source> source = sourcesOfPoll.computeIfAbsent(sourceName,
                name -> sources.named(name, SourceKind.KAFKA));
        if (source.isEmpty()) {
            return new Read(null, null, "'" + sourceName + "' is no enabled Kafka source",
                    IngestResult.Rejection.OUT_OF_SCOPE);
        }
        if (isCloudEvent(record)) {
            try {
                return new Read(source.get(), CloudEventItems.toItem(KafkaCloudEvents.read(record)), null, null);
            } catch (CloudEventException e) {
                return new Read(null, null, "not a valid CloudEvent: " + e.getMessage(),
                        IngestResult.Rejection.INVALID);
            }
        }
        NativeItems.Parsed parsed;
        try {
            parsed = NativeItems.parse(record.value() == null ? null : json.readTree(record.value()), sourceName);
        } catch (JacksonException e) {
            return new Read(null, null, "the value is not JSON: " + e.getOriginalMessage(),
                    IngestResult.Rejection.INVALID);
        }
        if (parsed.item() == null) {
            return new Read(null, null, parsed.rejection(), IngestResult.Rejection.INVALID);
        }
        return new Read(source.get(), parsed.item(), null, null);
    }

    private Outcome settle(DeadLetters deadLetters, ConsumerRecord<String, byte[]> record, IngestResult result) {
        if (!result.rejected()) {
            return Outcome.DONE;
        }
        if (result.rejection() == IngestResult.Rejection.UNAVAILABLE) {
            return Outcome.RETRY;
        }
        return park(deadLetters, record, result.reason(), result.rejection());
    }

    /** The CloudEvents Kafka binding: structured mode by its content type, binary mode by its ce_ headers. */
    private static boolean isCloudEvent(ConsumerRecord<String, byte[]> record) {
        String contentType = header(record, "content-type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents")
                || record.headers().lastHeader("ce_specversion") != null;
    }

    /** Returns once the dead-letter topic has the record, so its offset may be committed. */
    private Outcome park(DeadLetters deadLetters, ConsumerRecord<String, byte[]> record, String reason,
                         IngestResult.Rejection rejection) {
        try {
            deadLetters.park(record, reason, Map.of(REJECTION, rejection.name()));
            // the reason may quote the record, and with it someone's name: it stays in the parked record's header
            log.info("Parked record {}-{}@{} on {} as {}; the reason is in its header {}", record.topic(),
                    record.partition(), record.offset(), properties.deadLetterTopic().name(), rejection,
                    DeadLetters.REASON);
            return Outcome.DONE;
        } catch (IllegalStateException e) {
            log.warn("Could not park record {}-{}@{}; reading it again later: {}", record.topic(),
                    record.partition(), record.offset(), e.toString());
            return Outcome.RETRY;
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
