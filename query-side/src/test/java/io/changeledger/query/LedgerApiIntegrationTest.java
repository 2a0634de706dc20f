package io.changeledger.query;

import io.changeledger.events.LedgerEvent;
import io.changeledger.events.SampleEvents;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.ChangeRequested;
import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.RiskLevel;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.events.wire.LedgerRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.testcontainers.kafka.KafkaContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side against a real PostgreSQL and Kafka: tests publish ledger records as the command side does and
 * read the answers of the HTTP API. Every test that extends this class shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Infrastructure.class, PinnedClock.class})
public abstract class LedgerApiIntegrationTest {

    protected static final String TOPIC = "changeledger.events";
    protected static final String DEAD_LETTERS = "changeledger.events.dlq";

    /** Increases across all tests, as the event store's global index does. */
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1_000);

    /**
     * Ledger sequences start far above zero, in a range of their own per JVM, so that they never collide with each
     * other or with the dense sequences from zero that the ledger tests send to grow a tree.
     */
    private static final AtomicLong LEDGER_SEQUENCE =
            new AtomicLong((1L << 40) + ThreadLocalRandom.current().nextLong(1L << 40));

    /** An envelope sent again keeps its ledger sequence, as the command side's republication does. */
    private static final Map<UUID, Long> LEDGER_SEQUENCES = new ConcurrentHashMap<>();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    protected KafkaContainer kafka;

    protected final LedgerRecordCodec codec = new LedgerRecordCodec();
    protected KafkaProducer<String, byte[]> producer;
    protected RestClient api;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        api = TestCredentials.clientBuilder(port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A planned deployment asked for by alice, needing that many approvals. */
    protected static ChangeRequested requested(String changeId, String service, String environment,
                                               int requiredApprovals, Instant occurredAt) {
        return new ChangeRequested(changeId, new ChangeDetails.Deployment("2.0.0", null), service, environment, "alice",
                "api", service + "/" + environment + "/2.0.0", RiskLevel.MEDIUM, null, false,
                policy(requiredApprovals), List.of(), Map.of(), occurredAt);
    }

    /** A change tooling reported after the fact, by bob. */
    protected static ChangeRecorded recorded(String changeId, ChangeDetails details, String service,
                                             String environment, ChangeOutcome outcome, boolean emergency,
                                             Instant occurredAt) {
        return new ChangeRecorded(changeId, details, service, environment, "bob", "github", null, outcome, emergency,
                policy(1), List.of(), Map.of(), occurredAt);
    }

    protected static ControlPolicy policy(int requiredApprovals) {
        return new ControlPolicy(true, requiredApprovals, true, false, Duration.ofHours(72));
    }

    protected static LedgerEnvelope envelope(LedgerEvent event, Instant recordedAt) {
        return LedgerEnvelope.wrap(UUID.randomUUID(), recordedAt, SEQUENCE.incrementAndGet(), event);
    }

    /** Records the event as the ledger would a moment after it happened. */
    protected LedgerEnvelope send(LedgerEvent event) throws Exception {
        return send(event, Instant.now());
    }

    protected LedgerEnvelope send(LedgerEvent event, Instant recordedAt) throws Exception {
        LedgerEnvelope envelope = envelope(event, recordedAt);
        send(envelope);
        return envelope;
    }

    protected void send(LedgerEnvelope envelope) throws Exception {
        producer.send(record(envelope)).get();
    }

    /** The record of the envelope at its ledger sequence, the same one each time the envelope is sent. */
    protected ProducerRecord<String, byte[]> record(LedgerEnvelope envelope) {
        long sequence = LEDGER_SEQUENCES.computeIfAbsent(envelope.eventId(), id -> LEDGER_SEQUENCE.getAndIncrement());
        return codec.toRecord(TOPIC, envelope, sequence);
    }

    /**
     * Sends the golden sample of that name as an event of another aggregate, with an event id and a global
     * sequence of its own, so that each test has changes and freezes nobody else touches. The event is made anew
     * rather than its record edited, as a record's leaf hash covers its payload.
     */
    protected void sendSample(String name, String sampleAggregateId, String aggregateId) throws Exception {
        LedgerEnvelope sample = SampleEvents.envelopes().get(name);
        assertThat(sample).as("sample " + name).isNotNull();
        String payload = new String(codec.payload(sample.event()), StandardCharsets.UTF_8)
                .replace(sampleAggregateId, aggregateId);
        LedgerEvent event = JSON.readValue(payload, sample.event().getClass());
        send(LedgerEnvelope.wrap(UUID.randomUUID(), sample.recordedAt(), SEQUENCE.incrementAndGet(), event));
    }

    protected ResponseEntity<JsonNode> get(String path) {
        return api.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> post(String path) {
        return api.post().uri(path).retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<byte[]> getBytes(String path) {
        return api.get().uri(path).retrieve().toEntity(byte[].class);
    }

    /** The body of an answer that must be 200. */
    protected JsonNode ok(String path) {
        ResponseEntity<JsonNode> answer = get(path);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    protected void assertProblem(String path, HttpStatus status) {
        ResponseEntity<JsonNode> answer = get(path);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("status").asInt()).as(path).isEqualTo(status.value());
    }

    protected JsonNode awaitChange(String id) throws InterruptedException {
        return await("/api/v1/changes/" + id, change -> true);
    }

    /** The change once the read model has taken that many of its events. */
    protected JsonNode awaitHistory(String id, int events) throws InterruptedException {
        return await("/api/v1/changes/" + id, change -> change.get("history").size() >= events);
    }

    /** Polls the path until it answers 200 with a body the condition accepts. */
    protected JsonNode await(String path, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            ResponseEntity<JsonNode> answer = get(path);
            if (answer.getStatusCode().is2xxSuccessful()) {
                last = answer.getBody();
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " never answered as expected; last answer: " + last);
    }

    /** The dead letters parked so far up to the first with that key, which must come within 30 seconds. */
    protected List<ConsumerRecord<String, byte[]>> deadLettersUpTo(String key) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record);
                    if (key.equals(record.key())) {
                        return seen;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key);
    }

    protected ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, byte[]>> seen = deadLettersUpTo(key);
        return seen.get(seen.size() - 1);
    }

    protected static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    protected static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.has("id") ? item.get("id").asString()
                : item.get("changeId").asString()));
        return ids;
    }

    protected static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.has(field) ? item.get(field).asString() : null));
        return values;
    }
}
