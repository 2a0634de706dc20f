package io.changeledger.command.publication;

import io.changeledger.command.TestCredentials;
import io.changeledger.command.Infrastructure;
import io.changeledger.command.config.DeferredAppends;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.ControlViolationDetected;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import org.testcontainers.kafka.KafkaContainer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Infrastructure.class)
class PublicationIntegrationTest {

    private static final String TOPIC = "changeledger.events";

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaContainer kafka;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionManager axonTransactionManager;

    @Autowired
    private EventStorageEngine eventStorageEngine;

    @Autowired
    private TokenStore tokenStore;

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Autowired
    private DataSource dataSource;

    private Map<Integer, Long> endOffsetsByPartition() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.getBootstrapServers()))) {
            var partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> recordDeployment(String json) {
        return TestCredentials.client(port).post().uri("/api/v1/changes/deployments")
                .contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toEntity(Map.class);
    }

    @Test
    void storesARecordedDeploymentAndPublishesItToKafka() {
        var answer = recordDeployment("""
                {"service":"checkout","environment":"production","version":"1.4.2","actor":"alice",
                 "ticket":"OPS-42","occurredAt":"2026-11-26T10:00:00Z"}""");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String changeId = (String) answer.getBody().get("id");

        // an unplanned production deployment: recorded, and flagged for having had no approval and no staging
        assertThat(jdbc.sql("""
                        select payloadtype from command.domainevententry where aggregateidentifier = ?
                        order by sequencenumber""")
                .param(changeId).query(String.class).list())
                .containsExactly(ChangeRecorded.class.getName(), ControlViolationDetected.class.getName(),
                        ControlViolationDetected.class.getName());

        var published = LedgerTopicReader.readUntil(kafka.getBootstrapServers(), TOPIC,
                received -> received.stream().filter(r -> changeId.equals(r.key())).count() == 3,
                Duration.ofSeconds(30));
        var records = published.stream().filter(r -> changeId.equals(r.key())).toList();
        assertThat(records).extracting(r -> r.envelope().type())
                .containsExactly("ChangeRecorded", "ControlViolationDetected", "ControlViolationDetected");
        assertThat(records.get(0)).satisfies(r -> {
            assertThat(r.envelope().revision()).isEqualTo("1");
            assertThat(r.envelope().event()).isEqualTo(new ChangeRecorded(changeId,
                    new ChangeDetails.Deployment("1.4.2", null), "checkout", "production", "alice", "api",
                    "checkout/production/1.4.2", ChangeOutcome.COMPLETED, false,
                    new ControlPolicy(true, 1, true, true, Duration.ofHours(72)), null, Map.of("ticket", "OPS-42"),
                    Instant.parse("2026-11-26T10:00:00Z")));
            long globalIndex = jdbc.sql("select globalindex from command.domainevententry where eventidentifier = ?")
                    .param(r.envelope().eventId().toString()).query(Long.class).single();
            assertThat(r.envelope().globalSequence()).isEqualTo(globalIndex);
        });
        assertThat(records.subList(1, 3)).extracting(r -> ((ControlViolationDetected) r.envelope().event()).control())
                .containsExactly(Control.APPROVAL_BEFORE_DEPLOYMENT, Control.STAGING_BEFORE_PRODUCTION);
    }

    /** Axon's default would copy a trace and correlation id into every event, at the price of reading them again. */
    @Test
    void storesEventsWithoutCorrelationMetadata() {
        var answer = recordDeployment("""
                {"service":"metadata-check","environment":"staging","version":"1.0.0","actor":"alice",
                 "occurredAt":"2026-11-26T10:00:00Z"}""");
        String changeId = (String) answer.getBody().get("id");

        assertThat(jdbc.sql("""
                        select convert_from(metadata, 'UTF8') from command.domainevententry
                        where aggregateidentifier = ?""")
                .param(changeId).query(String.class).list())
                .isNotEmpty().allSatisfy(metadata -> assertThat(metadata).isEqualTo("{}"));
    }

    /**
     * Regression: a gap-aware token's position is the highest index seen, so an event whose transaction
     * committed after a later one's was published with the later event's index, and two events of one change
     * could carry the same global sequence (the query side then refused the second for ever).
     */
    @Test
    void publishesEachEventWithItsOwnIndexWhenTransactionsCommitOutOfOrder() throws Exception {
        RestClient api = TestCredentials.client(port);
        String template = recordStagingDeployment(api, "template");
        String lateChange = UUID.randomUUID().toString();
        long lateIndex;
        String laterChange;
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            try (PreparedStatement insert = held.prepareStatement("""
                    insert into command.domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type,
                        timestamp, payloadtype, payloadrevision, payload, metadata)
                    select ?, ?, 0, type, timestamp, payloadtype, payloadrevision,
                        convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8'), metadata
                    from command.domainevententry where aggregateidentifier = ? and sequencenumber = 0
                    returning globalindex""")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, lateChange);
                insert.setString(3, template);
                insert.setString(4, lateChange);
                insert.setString(5, template);
                try (ResultSet inserted = insert.executeQuery()) {
                    inserted.next();
                    lateIndex = inserted.getLong(1);
                }
            }
            laterChange = recordStagingDeployment(api, "later");
            String later = laterChange;
            // the later event is published first, so that the held one fills a gap behind it
            LedgerTopicReader.readUntil(kafka.getBootstrapServers(), TOPIC,
                    records -> records.stream().anyMatch(r -> r.key().equals(later)), Duration.ofSeconds(30));
            held.commit();
        }

        var received = LedgerTopicReader.readUntil(kafka.getBootstrapServers(), TOPIC,
                records -> records.stream().map(LedgerTopicReader.Received::key).toList()
                        .containsAll(List.of(lateChange, laterChange)), Duration.ofSeconds(60));
        long laterIndex = jdbc.sql("select globalindex from command.domainevententry where aggregateidentifier = ?")
                .param(laterChange).query(Long.class).single();
        assertThat(laterIndex).isGreaterThan(lateIndex);
        assertThat(received).filteredOn(r -> r.key().equals(lateChange)).singleElement()
                .satisfies(r -> assertThat(r.envelope().globalSequence()).isEqualTo(lateIndex));
        assertThat(received).filteredOn(r -> r.key().equals(laterChange)).singleElement()
                .satisfies(r -> assertThat(r.envelope().globalSequence()).isEqualTo(laterIndex));
    }

    private static String recordStagingDeployment(RestClient api, String version) {
        Map<?, ?> body = api.post().uri("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("service", "gaps-" + UUID.randomUUID(), "environment", "staging", "version", version,
                        "actor", "alice"))
                .retrieve().body(Map.class);
        return (String) body.get("id");
    }

    @Test
    void publishesABacklogInTransactionsOfUpToAThousandEvents() throws Exception {
        EventProcessor publisher = eventProcessing.eventProcessor(LedgerPublisher.PROCESSING_GROUP).orElseThrow();
        publisher.shutDown();
        Map<Integer, Long> before = endOffsetsByPartition();
        RestClient api = TestCredentials.client(port);
        Set<String> backlog = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            Map<?, ?> body = api.post().uri("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                    // staging: one event per deployment, since no production control applies
                    .body(Map.of("service", "backlog", "environment", "staging", "version", "v" + i,
                            "actor", "alice"))
                    .retrieve().body(Map.class);
            backlog.add((String) body.get("id"));
        }
        publisher.start();
        var received = LedgerTopicReader.readUntil(kafka.getBootstrapServers(), TOPIC,
                records -> records.stream().map(LedgerTopicReader.Received::key).collect(Collectors.toSet())
                        .containsAll(backlog), Duration.ofSeconds(60));

        // every committed Kafka transaction leaves one marker, which takes an offset, in each partition it wrote;
        // the context is shared with other tests, so records of theirs published meanwhile are counted as records
        Map<Integer, Long> after = endOffsetsByPartition();
        long offsets = after.keySet().stream().mapToLong(p -> after.get(p) - before.getOrDefault(p, 0L)).sum();
        long records = received.stream().filter(r -> r.offset() >= before.getOrDefault(r.partition(), 0L)
                && r.offset() < after.get(r.partition())).count();
        long markers = offsets - records;
        assertThat(records).as("records published while the backlog went out").isGreaterThanOrEqualTo(600);
        // full batches of 1,000, plus a partial one at either end where the backlog meets other tests' events;
        // batches of 100 would leave at least 18 markers, a transaction per event one marker per record
        long batches = (records + 999) / 1000 + 2;
        assertThat(markers).as("transaction markers for %d records in 3 partitions", records)
                .isBetween(3L, 3 * batches);
    }

    @Test
    void runsAxonOnTheSpringTransactionManagerAndTheJdbcStores() {
        // Axon 4.13's own auto-configuration falls back to a no-op transaction manager on Boot 4
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(eventStorageEngine).isInstanceOfSatisfying(DeferredAppends.class,
                deferred -> assertThat(deferred.engine()).isInstanceOf(JdbcEventStorageEngine.class));
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(jdbc.sql("select count(*) from command.tokenentry where processorname = 'kafka-publisher'")
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void createsTheEventsTopicSoThatKafkaKeepsEveryEventForever() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.getBootstrapServers()))) {
            var description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            assertThat(description.partitions()).hasSize(3);
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).isEqualTo("-1");
        }
    }

    @Test
    void answersARequestForAnUnknownPathWithAProblem() {
        var answer = TestCredentials.client(port).get().uri("/api/v1/nothing-" + UUID.randomUUID())
                .retrieve().onStatus(status -> true, (request, response) -> { })
                .toEntity(String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
