package io.changeledger.command.publication;

import io.changeledger.events.LedgerEvent;
import jakarta.annotation.PreDestroy;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.events.wire.LedgerHeaders;
import io.changeledger.events.wire.LedgerRecordCodec;
import io.changeledger.events.wire.LedgerTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Hands every stored event to Kafka. A tracking processor feeds it batches from the event store; each
 * batch is one Kafka transaction, committed before the processor stores its token, so the token only
 * moves past events Kafka has acknowledged. A failed batch is aborted (read-committed consumers never
 * see a part of it) and retried by the processor. The one gap that a Kafka transaction cannot close,
 * a Kafka commit that succeeded while the token store's did not, is closed on recovery: the publisher
 * reads back what recently reached the topic and does not send those events again.
 * <p>
 * The producer is set up at start-up, so that the first deployment does not wait for the Kafka handshakes;
 * after that only the processor's single thread uses it.
 */
@Component
@ProcessingGroup(LedgerPublisher.PROCESSING_GROUP)
public class LedgerPublisher implements ApplicationRunner {

    public static final String PROCESSING_GROUP = "kafka-publisher";

    private static final Logger log = LoggerFactory.getLogger(LedgerPublisher.class);
    private static final String OPEN_TRANSACTION = LedgerPublisher.class.getName() + ".open-transaction";

    private final KafkaClients clients;
    private final LedgerRecordCodec codec = new LedgerRecordCodec();
    private final Set<UUID> alreadyPublished = new HashSet<>();
    private KafkaProducer<String, byte[]> producer;

    private final JdbcClient jdbc;
    /** The highest event-store index this thread has published; see {@link #globalIndexOf}. */
    private long highestIndex = -1;

    LedgerPublisher(KafkaClients clients, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clients = clients;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            ensureProducer();
        } catch (RuntimeException e) {
            log.warn("Kafka is not reachable at start-up; events are kept in the event store and "
                    + "published when it is", e);
        }
    }

    @EventHandler
    @DisallowReplay
    void on(LedgerEvent event, EventMessage<?> message, TrackingToken token) {
        ensureProducer();
        UUID eventId = UUID.fromString(message.getIdentifier());
        if (alreadyPublished.contains(eventId)) {
            log.info("Event {} reached Kafka before the last failure; not sending it again", eventId);
            return;
        }
        long globalSequence = globalIndexOf(eventId, token);
        joinTransaction();
        producer.send(codec.toRecord(clients.settings().eventsTopic().name(),
                LedgerEnvelope.wrap(eventId, message.getTimestamp(), globalSequence, event)));
    }

    /**
     * The event store's own index of the event. A gap-aware token's position is the highest index seen, which
     * is the event's own only when the event advanced it: an event whose transaction committed after a later
     * one fills a gap and leaves the position where it was. Those (and the first event after a start or a
     * retry) are looked up in the event store; the rest cost nothing.
     */
    private long globalIndexOf(UUID eventId, TrackingToken token) {
        long position = token.position()
                .orElseThrow(() -> new IllegalStateException("token " + token + " has no position"));
        long index = highestIndex >= 0 && position > highestIndex ? position
                : jdbc.sql("select globalindex from domainevententry where eventidentifier = ?")
                        .param(eventId.toString()).query(Long.class).single();
        highestIndex = Math.max(highestIndex, position);
        return index;
    }

    private void joinTransaction() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.resources().putIfAbsent(OPEN_TRANSACTION, Boolean.TRUE) == null) {
            producer.beginTransaction();
            // commitTransaction flushes and fails if any send of the batch failed
            batch.onPrepareCommit(unitOfWork -> producer.commitTransaction());
            batch.onRollback(unitOfWork -> discardProducer());
        }
    }

    private synchronized void ensureProducer() {
        if (producer != null) {
            return;
        }
        // before the first send, so that a broker never auto-creates the topic with an expiring retention
        try (Admin admin = clients.admin()) {
            LedgerTopics.ensure(admin, clients.settings().eventsTopic());
        }
        KafkaProducer<String, byte[]> created = clients.transactionalProducer();
        try {
            // completes or aborts whatever transaction an earlier publisher with this id left open
            created.initTransactions();
            // only events after the last stored token come again, and those are in the tail just read
            Set<UUID> recent = readBackRecentEventIds();
            alreadyPublished.clear();
            alreadyPublished.addAll(recent);
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        producer = created;
    }

    private synchronized void discardProducer() {
        if (producer != null) {
            log.warn("Publication to Kafka failed; the batch is aborted and will be retried");
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private Set<UUID> readBackRecentEventIds() {
        String topic = clients.settings().eventsTopic().name();
        int window = clients.settings().recoveryScanWindow();
        Set<UUID> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = clients.committedReader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - window)));
            Instant deadline = Instant.now().plus(clients.settings().requestTimeout().multipliedBy(2));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read back the tail of " + topic,
                            new TimeoutException());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader(LedgerHeaders.EVENT_ID);
                    if (id != null) {
                        ids.add(UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return ids;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(clients.settings().requestTimeout());
            producer = null;
        }
    }
}
