package io.changeledger.command.publication;

import io.changeledger.command.proof.Checkpointer;
import io.changeledger.command.proof.LedgerTree;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Hands every stored event to Kafka. A tracking processor feeds it batches from the event store; each
 * batch is one Kafka transaction, committed before the processor stores its token, so the token only
 * moves past events Kafka has acknowledged. A failed batch is aborted (read-committed consumers never
 * see a part of it) and retried by the processor. The one gap that a Kafka transaction cannot close,
 * a Kafka commit that succeeded while the token store's did not, is closed on recovery: the publisher
 * reads back what recently reached the topic and does not send those events again.
 * <p>
 * Each event gets the next dense sequence number of the ledger's Merkle tree, and its leaf hash, in its headers;
 * the tree's rows are written in the batch's database transaction, before Kafka's commit, so the stored tree and
 * the topic agree (on recovery, positions that only Kafka has are stored first).
 * <p>
 * The producer is set up at start-up, so that the first deployment does not wait for the Kafka handshakes;
 * after that only the processor's single thread uses it.
 */
@Component
@ProcessingGroup(LedgerPublisher.PROCESSING_GROUP)
public class LedgerPublisher implements ApplicationRunner {

    public static final String PROCESSING_GROUP = "kafka-publisher";

    private static final Logger log = LoggerFactory.getLogger(LedgerPublisher.class);
    private static final String PENDING = LedgerPublisher.class.getName() + ".pending";
    private static final long UNKNOWN = -1;

    private final KafkaClients clients;
    private final LedgerTree tree;
    private final Checkpointer checkpointer;
    private final LedgerRecordCodec codec = new LedgerRecordCodec();
    private final Set<UUID> alreadyPublished = new HashSet<>();
    private final ParallelEncoding encoding;
    private KafkaProducer<String, byte[]> producer;

    private final JdbcClient jdbc;
    /** The highest event-store index this thread has published; see {@link #globalIndexOf}. */
    private long highestIndex = -1;

    LedgerPublisher(KafkaClients clients, JdbcClient jdbc, LedgerTree tree, Checkpointer checkpointer,
                    ParallelEncoding encoding) {
        this.jdbc = jdbc;
        this.encoding = encoding;
        this.clients = clients;
        this.tree = tree;
        this.checkpointer = checkpointer;
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

    @EventHandler(payloadType = LedgerEvent.class)
    @DisallowReplay
    void on(EventMessage<?> message, TrackingToken token) {
        ensureProducer();
        UUID eventId = UUID.fromString(message.getIdentifier());
        if (alreadyPublished.contains(eventId)) {
            log.info("Event {} reached Kafka before the last failure; not sending it again", eventId);
            return;
        }
        long globalSequence = globalIndexOf(token);
        batch().add(new Pending(eventId, globalSequence, message));
    }

    /**
     * An event of the batch, not yet deserialised: that, and encoding it, happens for the whole batch at once, as
     * does looking up the global sequences the token did not tell ({@link #UNKNOWN}).
     */
    private record Pending(UUID eventId, long globalSequence, EventMessage<?> message) {

        Pending at(long globalSequence) {
            return new Pending(eventId, globalSequence, message);
        }

        LedgerRecordCodec.Encoded encode(LedgerRecordCodec codec) {
            return codec.encode(LedgerEnvelope.wrap(eventId, message.getTimestamp(), globalSequence,
                    (LedgerEvent) message.getPayload()));
        }
    }

    /**
     * The events of the batch are deserialised and hashed on every core, then numbered and sent in the order the
     * processor handed them over: the one thread of the processor is the ledger's queue, and these are its dearest
     * steps.
     */
    private void publish(List<Pending> collected) {
        List<Pending> pending = withGlobalSequences(collected);
        List<LedgerRecordCodec.Encoded> encoded = encoding.encode(pending, each -> each.encode(codec));
        String topic = clients.settings().eventsTopic().name();
        for (int i = 0; i < encoded.size(); i++) {
            LedgerRecordCodec.Encoded event = encoded.get(i);
            long sequence = tree.nextSequence();
            tree.append(new LedgerTree.PublishedLeaf(pending.get(i).eventId(), pending.get(i).globalSequence(),
                    event.leaf(sequence)));
            producer.send(event.toRecord(topic, sequence));
        }
    }

    /**
     * The event store's own index of the event. A gap-aware token's position is the highest index seen, which
     * is the event's own only when the event advanced it: an event whose transaction committed after a later
     * one fills a gap and leaves the position where it was. Those (and the first event after a start or a
     * retry) are {@link #UNKNOWN} here and looked up in the event store, all of a batch in one query; the rest cost
     * nothing.
     */
    private long globalIndexOf(TrackingToken token) {
        long position = token.position()
                .orElseThrow(() -> new IllegalStateException("token " + token + " has no position"));
        long index = highestIndex >= 0 && position > highestIndex ? position : UNKNOWN;
        highestIndex = Math.max(highestIndex, position);
        return index;
    }

    private List<Pending> withGlobalSequences(List<Pending> pending) {
        List<String> unknown = pending.stream().filter(each -> each.globalSequence() == UNKNOWN)
                .map(each -> each.eventId().toString()).toList();
        if (unknown.isEmpty()) {
            return pending;
        }
        Map<String, Long> found = jdbc
                .sql("select eventidentifier, globalindex from domainevententry where eventidentifier in (:ids)")
                .param("ids", unknown)
                .query((row, number) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return pending.stream().map(each -> {
            if (each.globalSequence() != UNKNOWN) {
                return each;
            }
            Long index = found.get(each.eventId().toString());
            if (index == null) {
                throw new IllegalStateException("event " + each.eventId() + " is not in the event store");
            }
            return each.at(index);
        }).toList();
    }

    /** The batch's events so far; the first one opens the Kafka transaction, which the batch's commit closes. */
    private List<Pending> batch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        @SuppressWarnings("unchecked")
        List<Pending> pending = (List<Pending>) batch.resources().get(PENDING);
        if (pending == null) {
            List<Pending> opened = new ArrayList<>();
            batch.resources().put(PENDING, opened);
            producer.beginTransaction();
            // the tree's rows go first: if they cannot be stored, Kafka's transaction is aborted with the batch;
            // commitTransaction flushes and fails if any send of the batch failed
            batch.onPrepareCommit(unitOfWork -> {
                publish(opened);
                tree.flush();
                producer.commitTransaction();
            });
            batch.afterCommit(unitOfWork -> checkpointer.treeGrew(tree.head()));
            batch.onRollback(unitOfWork -> {
                tree.discard();
                discardProducer();
            });
            return opened;
        }
        return pending;
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
            // only events after the last stored token come again, and those are in the tail just read; the ones
            // there whose batch did not commit in the database get their ledger positions stored now
            List<LedgerTree.PublishedLeaf> recent = readBackRecentlyPublished();
            tree.catchUp(recent);
            alreadyPublished.clear();
            recent.forEach(published -> alreadyPublished.add(published.eventId()));
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

    /** What the tail of the topic holds with a ledger position; records published before positions existed are not. */
    private List<LedgerTree.PublishedLeaf> readBackRecentlyPublished() {
        String topic = clients.settings().eventsTopic().name();
        int window = clients.settings().recoveryScanWindow();
        List<LedgerTree.PublishedLeaf> published = new ArrayList<>();
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
                    Header index = record.headers().lastHeader(LedgerHeaders.GLOBAL_SEQUENCE);
                    if (id != null && index != null
                            && record.headers().lastHeader(LedgerHeaders.LEDGER_SEQUENCE) != null) {
                        published.add(new LedgerTree.PublishedLeaf(
                                UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)),
                                Long.parseLong(new String(index.value(), StandardCharsets.UTF_8)),
                                codec.leafOf(record.headers())));
                    }
                }
            }
        }
        return published;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(clients.settings().requestTimeout());
            producer = null;
        }
    }
}
