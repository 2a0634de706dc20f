package io.changeledger.query.projection;

import io.changeledger.events.wire.DeadLetters;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.events.wire.LedgerRecordCodec;
import io.changeledger.events.wire.LedgerTopics;
import io.changeledger.events.wire.WireFormatException;
import io.changeledger.query.config.QuerySideProperties;
import io.changeledger.query.proof.LedgerCopy;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the projections and the copy of the ledger from the events topic, and the copy's checkpoints from theirs.
 * Each polled batch is applied in one database transaction together with the ids of its events and their ledger
 * entries, and the offsets are committed only after that transaction and the growth of the tree: a redelivered
 * event finds its id and its entry and changes nothing. Records that are not valid ledger events, that claim a
 * place in the ledger another event holds, or that are not validly signed checkpoints go to the dead-letter topic
 * and the consumer carries on; any other failure (the database is down, say) discards the batch and starts again
 * from the last committed offsets after a back-off, so no event is skipped.
 */
@Component
class LedgerConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerConsumer.class);

    private final QuerySideProperties settings;
    private final List<LedgerProjection> projections;
    private final ProcessedEvents processedEvents;
    private final TransactionTemplate transaction;
    private final LedgerCopy ledger;
    private final ReadModelRebuild rebuild;
    private final LedgerRecordCodec codec = new LedgerRecordCodec();

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    LedgerConsumer(QuerySideProperties settings, List<LedgerProjection> projections,
                   ProcessedEvents processedEvents, TransactionTemplate transaction, LedgerCopy ledger,
                   ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
        this.settings = settings;
        this.projections = projections;
        this.processedEvents = processedEvents;
        this.transaction = transaction;
        this.ledger = ledger;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::consume, "ledger-consumer");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(settings.requestTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void consume() {
        while (running) {
            try (Admin admin = Admin.create(common());
                 KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig());
                 KafkaProducer<String, byte[]> deadLetterProducer = new KafkaProducer<>(producerConfig())) {
                LedgerTopics.ensure(admin, settings.deadLetterTopic());
                // unlike the events topic, which only the command side makes, so that the query side never
                // guesses its partitions; a checkpoints topic has one, and is kept forever like the events
                LedgerTopics.ensure(admin, settings.checkpointsTopic());
                consumer = kafka;
                var deadLetters = new DeadLetters(deadLetterProducer, settings.deadLetterTopic().name());
                kafka.subscribe(List.of(settings.eventsTopic(), settings.checkpointsTopic().name()));
                while (running) {
                    ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
                    if (rebuild.requested()) {
                        // what was just polled comes again from the first offsets
                        rebuild.start(kafka);
                        continue;
                    }
                    if (!records.isEmpty()) {
                        apply(records, deadLetters);
                        kafka.commitSync();
                    }
                    rebuild.advance(kafka);
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (RuntimeException e) {
                if (running) {
                    log.error("Projection of ledger events failed; retrying from the last committed offsets in {}",
                            settings.retryBackoff(), e);
                    pause();
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void apply(ConsumerRecords<String, byte[]> records, DeadLetters deadLetters) {
        record Parsed(ConsumerRecord<String, byte[]> record, LedgerRecordCodec.Decoded decoded) {
            LedgerEnvelope envelope() {
                return decoded.envelope();
            }
        }
        record Invalid(ConsumerRecord<String, byte[]> record, String reason) {
        }
        List<Parsed> events = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> checkpoints = new ArrayList<>();
        List<Invalid> invalid = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.topic().equals(settings.checkpointsTopic().name())) {
                checkpoints.add(record);
                continue;
            }
            try {
                events.add(new Parsed(record, codec.decode(record)));
            } catch (WireFormatException e) {
                invalid.add(new Invalid(record, e.getMessage()));
            }
        }
        List<Invalid> refused = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            List<Optional<String>> conflicts = ledger.keep(events.stream()
                    .map(event -> new LedgerCopy.Received(event.record(), event.decoded())).toList());
            List<ProcessedEvents.Delivered> kept = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                Parsed event = events.get(i);
                Optional<String> conflict = conflicts.get(i);
                if (conflict.isPresent()) {
                    refused.add(new Invalid(event.record(), conflict.get()));
                } else {
                    kept.add(new ProcessedEvents.Delivered(event.envelope(), event.record().partition(),
                            event.record().offset()));
                }
            }
            List<LedgerEnvelope> fresh = processedEvents.claim(kept);
            // the projections write tables of their own, so each may take the whole batch at once; each sees
            // the events in the topic's order
            if (!fresh.isEmpty()) {
                projections.forEach(projection -> projection.onAll(fresh));
            }
            for (ConsumerRecord<String, byte[]> checkpoint : checkpoints) {
                ledger.receiveCheckpoint(checkpoint).ifPresent(reason -> refused.add(new Invalid(checkpoint, reason)));
            }
        });
        ledger.extendTree();
        // parked after the read models committed: if parking fails, the whole batch comes again, and the
        // processed events' ids make the second pass change nothing
        // a rebuild reads again what was parked the first time: parked once is enough
        invalid.removeIf(bad -> rebuild.replays(bad.record()));
        refused.removeIf(bad -> rebuild.replays(bad.record()));
        for (Invalid bad : invalid) {
            ConsumerRecord<String, byte[]> record = bad.record();
            // a parser's reason may quote the record, and with it someone's name: it stays in the header
            log.warn("Record {}-{}@{} is not a valid ledger event; parked on {}, the reason in its header {}",
                    record.topic(), record.partition(), record.offset(), settings.deadLetterTopic().name(),
                    DeadLetters.REASON);
            deadLetters.park(record, bad.reason());
        }
        for (Invalid bad : refused) {
            ConsumerRecord<String, byte[]> record = bad.record();
            log.error("Record {}-{}@{} was refused by the copy of the ledger ({}); parked on {}", record.topic(),
                    record.partition(), record.offset(), bad.reason(), settings.deadLetterTopic().name());
            deadLetters.park(record, bad.reason());
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the publisher writes in Kafka transactions: never project a batch it aborted
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a broker that auto-creates topics would make the ledger topic with its default, expiring retention
        // if the query side subscribes before the command side has created it
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = common();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.requestTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis() + 1_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>(settings.client() == null ? Map.of() : settings.client());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "changeledger-query-side");
        int timeout = (int) settings.requestTimeout().toMillis();
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        return config;
    }
}
