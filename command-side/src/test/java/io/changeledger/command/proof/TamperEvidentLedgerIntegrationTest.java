package io.changeledger.command.proof;

import io.changeledger.command.TestCredentials;
import io.changeledger.command.Infrastructure;
import io.changeledger.command.publication.LedgerTopicReader;
import io.changeledger.events.wire.CheckpointCodec;
import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointCheck;
import io.changeledger.proof.Digest;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.MemoryTree;
import io.changeledger.proof.TrustedKey;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Infrastructure.class)
class TamperEvidentLedgerIntegrationTest {

    private static final String EVENTS = "changeledger.events";
    private static final String CHECKPOINTS = "changeledger.checkpoints";

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaContainer kafka;

    @Autowired
    private JdbcClient jdbc;

    private Set<String> recordDeployments(int count) {
        RestClient api = TestCredentials.client(port);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Map<?, ?> body = api.post().uri("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("service", "tree-" + UUID.randomUUID(), "environment", "staging",
                            "version", "v" + i, "actor", "alice"))
                    .retrieve().body(Map.class);
            ids.add((String) body.get("id"));
        }
        return ids;
    }

    private List<LedgerTopicReader.Received> publishedIncluding(Set<String> keys) {
        return LedgerTopicReader.readUntil(kafka.getBootstrapServers(), EVENTS,
                records -> records.stream().map(LedgerTopicReader.Received::key).toList().containsAll(keys),
                Duration.ofSeconds(60));
    }

    /**
     * The topic read until it holds the keys and every sequence up to the highest one read: the partitions are
     * read at different speeds, so a read that stops as soon as the keys are in may lack another partition's part.
     * A ledger with a gap never satisfies this, and the read gives up.
     */
    private List<LedgerTopicReader.Received> publishedDenselyIncluding(Set<String> keys) {
        return LedgerTopicReader.readUntil(kafka.getBootstrapServers(), EVENTS,
                records -> records.stream().map(LedgerTopicReader.Received::key).toList().containsAll(keys)
                        && records.stream().map(r -> r.leaf().sequence()).distinct().count()
                        == 1 + records.stream().mapToLong(r -> r.leaf().sequence()).max().orElse(-1),
                Duration.ofSeconds(60));
    }

    @Test
    void numbersEveryPublishedEventDenselyAndStoresTheLeavesKafkaCarries() {
        Set<String> ids = recordDeployments(25);
        var published = publishedDenselyIncluding(ids);

        List<Long> sequences = published.stream().map(r -> r.leaf().sequence()).sorted().toList();
        assertThat(sequences).as("dense, each number once, across all partitions")
                .isEqualTo(LongStream.range(0, published.size()).boxed().toList());
        for (var record : published) {
            var stored = jdbc.sql("select event_id, global_index, leaf_hash from command.ledger_entry where sequence = ?")
                    .param(record.leaf().sequence())
                    .query((rs, row) -> List.of(rs.getString(1), rs.getLong(2), Digest.of(rs.getBytes(3))))
                    .single();
            assertThat(stored).containsExactly(record.envelope().eventId().toString(),
                    record.envelope().globalSequence(), record.leaf().hash());
        }
    }

    /**
     * Both tables are append-only and the publisher stores entries only for the events it has just read: a foreign
     * key from the entry to its event checked nothing more, and locked the event's row at every insert, which
     * writes the event store's page again (PostgreSQL marks a locked row in its xmax).
     */
    @Test
    void storesLedgerEntriesWithoutWritingTheirEventsRowsAgain() {
        String[] ids = recordDeployments(5).toArray(String[]::new);
        String entered = """
                select count(*) from command.domainevententry e
                join command.ledger_entry l on l.event_id = e.eventidentifier
                where e.aggregateidentifier = any(?)""";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql(entered).param(ids).query(Long.class).single() >= ids.length);

        assertThat(jdbc.sql(entered + " and e.xmax::text <> '0'").param(ids).query(Long.class).single()).isZero();
    }

    /**
     * Kafka's transaction commits just before the database's; when the database's then fails, the events are on
     * the topic with their positions while the stored tree does not have them. The retry must store those
     * positions and not publish the events again under new ones.
     */
    @Test
    void storesThePositionsOfEventsThatReachedKafkaInABatchWhoseDatabaseCommitFailed() throws Exception {
        jdbc.sql("create table command.test_refuse_commit (reason text)").update();
        // a sequence counts the refusals: unlike a row, nextval survives the rollback
        jdbc.sql("create sequence command.test_refusals").update();
        jdbc.sql("""
                create function command.test_refuse_commit() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from command.test_refuse_commit) then
                        perform nextval('command.test_refusals');
                        raise exception 'test: this commit is refused';
                    end if;
                    return null;
                end $$""").update();
        // deferred: it fires at COMMIT, after the publisher committed Kafka's transaction in prepare-commit; only a
        // batch's move of the token, not the processor's claims, which it makes in transactions of their own
        jdbc.sql("""
                create constraint trigger test_refuse_commit after update on command.tokenentry
                deferrable initially deferred for each row
                when (new.processorname = 'kafka-publisher' and new.token is distinct from old.token)
                execute function command.test_refuse_commit()""").update();
        try {
            jdbc.sql("insert into command.test_refuse_commit values ('the database fails after Kafka')").update();
            Set<String> ids = recordDeployments(3);
            publishedIncluding(ids);
            Instant refused = Instant.now().plusSeconds(30);
            while (!jdbc.sql("select is_called from command.test_refusals").query(Boolean.class).single()) {
                assertThat(Instant.now()).as("the batch's commit is refused").isBefore(refused);
                Thread.sleep(50);
            }
            jdbc.sql("delete from command.test_refuse_commit").update();

            Instant deadline = Instant.now().plusSeconds(90);
            while (jdbc.sql("""
                            select count(*) from command.ledger_entry e join command.domainevententry d
                            on d.eventidentifier = e.event_id where d.aggregateidentifier in (:ids)""")
                    .param("ids", ids).query(Long.class).single() < 3) {
                assertThat(Instant.now()).as("the retry stores the positions in time").isBefore(deadline);
                Thread.sleep(200);
            }
            var published = publishedDenselyIncluding(ids);
            var ours = published.stream().filter(r -> ids.contains(r.key())).toList();
            assertThat(ours).as("each event once on the topic").hasSize(3);
            for (var record : ours) {
                assertThat(jdbc.sql("select sequence from command.ledger_entry where event_id = ?")
                        .param(record.envelope().eventId().toString()).query(Long.class).single())
                        .isEqualTo(record.leaf().sequence());
            }
            assertThat(published.stream().map(r -> r.leaf().sequence()).sorted().toList())
                    .isEqualTo(LongStream.range(0, published.size()).boxed().toList());
        } finally {
            jdbc.sql("drop trigger test_refuse_commit on command.tokenentry").update();
            jdbc.sql("drop function command.test_refuse_commit()").update();
            jdbc.sql("drop table command.test_refuse_commit").update();
            jdbc.sql("drop sequence command.test_refusals").update();
        }
    }

    @Test
    void signsCheckpointsWhoseRootIsTheTreeOfTheLeavesOnTheTopic() throws Exception {
        Set<String> ids = recordDeployments(5);
        long newest = publishedIncluding(ids).stream().mapToLong(r -> r.leaf().sequence()).max().orElseThrow();

        Checkpoint checkpoint = awaitCheckpointCovering(newest + 1);
        List<LedgerTopicReader.Received> leaves = new ArrayList<>(LedgerTopicReader.readUntil(
                kafka.getBootstrapServers(), EVENTS, records -> records.stream().map(r -> r.leaf().sequence())
                        .filter(sequence -> sequence < checkpoint.treeSize()).distinct().count() == checkpoint.treeSize(),
                Duration.ofSeconds(30)));
        leaves.removeIf(r -> r.leaf().sequence() >= checkpoint.treeSize());
        leaves.sort(Comparator.comparingLong(r -> r.leaf().sequence()));
        MemoryTree tree = new MemoryTree();
        leaves.stream().limit(checkpoint.treeSize()).forEach(r -> tree.append(r.leaf().hash()));

        assertThat(checkpoint.root()).isEqualTo(tree.root());
        var publicKey = LedgerKeys.publicKey(Files.readString(
                Path.of("target/ledger-keys").resolve(LedgerSigningConfig.PUBLIC_KEY_FILE)));
        assertThat(KeyRing.of(new TrustedKey(publicKey, null, null)).check(checkpoint))
                .isEqualTo(CheckpointCheck.VALID);
        assertThat(checkpoint.origin()).isEqualTo("changeledger");
        assertThat(jdbc.sql("""
                        select count(*) from command.ledger_checkpoint c
                        join command.ledger_checkpoint_publication p using (tree_size)
                        where c.tree_size = ? and c.root_hash = ?""")
                .params(checkpoint.treeSize(), checkpoint.root().bytes()).query(Long.class).single()).isOne();
    }

    @Test
    void refusesToUpdateDeleteOrTruncateHistoryEvenForTheTablesOwner() throws Exception {
        publishedIncluding(recordDeployments(1));
        Instant deadline = Instant.now().plusSeconds(30);
        // Kafka's commit comes just before the database's
        while (jdbc.sql("select count(*) from command.ledger_entry").query(Long.class).single() == 0) {
            assertThat(Instant.now()).as("the tree's rows are stored in time").isBefore(deadline);
            Thread.sleep(50);
        }

        assertThatThrownBy(() -> jdbc.sql("update command.domainevententry set payload = '\\x00'").update())
                .rootCause().hasMessageContaining("UPDATE on command.domainevententry refused: the table is append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from command.ledger_entry").update())
                .rootCause().hasMessageContaining("DELETE on command.ledger_entry refused");
        assertThatThrownBy(() -> jdbc.sql("truncate command.ledger_node").update())
                .rootCause().hasMessageContaining("TRUNCATE on command.ledger_node refused");
        assertThatThrownBy(() -> jdbc.sql("truncate command.ledger_checkpoint cascade").update())
                .rootCause().hasMessageContaining("TRUNCATE on command.ledger_checkpoint");
    }

    private Checkpoint awaitCheckpointCovering(long treeSize) {
        var codec = new CheckpointCodec();
        Instant deadline = Instant.now().plusSeconds(60);
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty()) {
                assertThat(Instant.now()).as("the checkpoints topic exists in time").isBefore(deadline);
                partitions = consumer.partitionsFor(CHECKPOINTS).stream()
                        .map(info -> new TopicPartition(CHECKPOINTS, info.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                assertThat(Instant.now()).as("a checkpoint of %d events in time", treeSize).isBefore(deadline);
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    Checkpoint checkpoint = codec.fromRecord(record).checkpoint();
                    if (checkpoint.treeSize() >= treeSize) {
                        return checkpoint;
                    }
                }
            }
        }
    }
}
