package io.changeledger.query.proof;

import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.wire.CheckpointCodec;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.events.wire.LedgerTopics;
import io.changeledger.proof.CanonicalJson;
import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointCheck;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.Digest;
import io.changeledger.proof.Hashes;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.MemoryTree;
import io.changeledger.proof.ProofVerifier;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.proof.verify.BundleVerifier;
import io.changeledger.proof.verify.DumpVerifier;
import io.changeledger.proof.verify.VerificationReport;
import io.changeledger.query.LedgerApiIntegrationTest;
import io.changeledger.query.SignedLedger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy of the ledger against the command side's records and checkpoints as it publishes them. The tests of
 * this class grow the ledger from sequence zero (other tests' are far above) in turn with the export tests: each
 * appends the events it sends to {@link SignedLedger#TREE}, the command side's tree, and signs checkpoints over it.
 */
class LedgerCopyIntegrationTest extends LedgerApiIntegrationTest {

    private static final String CHECKPOINTS = "changeledger.checkpoints";
    private static final MemoryTree LEDGER = SignedLedger.TREE;
    private static final KeyPair KEY = SignedLedger.KEY;
    private static final CheckpointSigner SIGNER = SignedLedger.SIGNER;
    private static final KeyRing KEYS = SignedLedger.KEYS;
    /** The sizes of the checkpoints signed over a wrong root, which any export holds and a verifier reports. */
    private static final Set<Long> FORGED = ConcurrentHashMap.newKeySet();

    private final CheckpointCodec checkpointCodec = new CheckpointCodec();
    private final Random random = new Random(9162);

    @Autowired
    private JdbcClient jdbc;

    /** The records of the ledger's events, in sequence order. */
    private record Appended(List<LedgerEnvelope> envelopes, List<ProducerRecord<String, byte[]>> records) {
    }

    @BeforeEach
    void checkpointsTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.getBootstrapServers()))) {
            LedgerTopics.ensure(admin, new LedgerTopics.TopicSpec(CHECKPOINTS, 1, (short) 1, -1, 1));
        }
    }

    @Test
    void verifiesACheckpointOverRecordsReceivedOutOfOrderAcrossPartitionsAndProvesEachEntryInIt() throws Exception {
        Appended appended = append(300);
        sendShuffledAcrossPartitions(appended.records());
        Checkpoint checkpoint = sign(LEDGER.size());
        send(checkpoint);

        JsonNode verified = await("/api/v1/ledger/checkpoints/" + checkpoint.treeSize(),
                answer -> answer.get("status").asString().equals("VERIFIED"));
        assertThat(verified.get("rootHash").asString()).isEqualTo(checkpoint.rootHash());
        assertThat(ok("/api/v1/ledger/checkpoints/latest").get("treeSize").asLong())
                .isEqualTo(checkpoint.treeSize());
        JsonNode tree = ok("/api/v1/ledger/tree");
        assertThat(tree.get("size").asLong()).isEqualTo(LEDGER.size());
        assertThat(tree.get("rootHash").asString()).isEqualTo(LEDGER.root().hex());
        assertThat(tree.get("latestCheckpoint").get("status").asString()).isEqualTo("VERIFIED");

        long first = checkpoint.treeSize() - 300;
        for (int i = 0; i < 300; i += 13) {
            long sequence = first + i;
            LedgerEnvelope envelope = appended.envelopes().get(i);
            JsonNode entry = ok("/api/v1/ledger/entries/" + sequence);
            assertThat(entry.get("eventId").asString()).isEqualTo(envelope.eventId().toString());
            assertThat(entry.get("entry").get("payload").get("changeId").asString()).isEqualTo(envelope.key());
            Digest leaf = Hashes.leaf(CanonicalJson.canonicalize(entry.get("entry")));
            assertThat(entry.get("leafHash").asString()).as("the entry hashes to its leaf").isEqualTo(leaf.hex())
                    .isEqualTo(LEDGER.leaf(sequence).hex());
            assertThat(ok("/api/v1/ledger/events/" + envelope.eventId()).get("sequence").asLong())
                    .isEqualTo(sequence);

            JsonNode proof = ok("/api/v1/ledger/proofs/inclusion?sequence=" + sequence);
            assertThat(proof.get("treeSize").asLong()).isEqualTo(checkpoint.treeSize());
            Checkpoint signed = signed(proof.get("checkpoint"));
            assertThat(KEYS.check(signed))
                    .isEqualTo(CheckpointCheck.VALID);
            assertThat(ProofVerifier.verifyInclusion(sequence, signed.treeSize(), leaf, path(proof), signed.root()))
                    .as("inclusion of %d", sequence).isTrue();
            assertThat(path(ok("/api/v1/ledger/proofs/inclusion?eventId=" + envelope.eventId() + "&treeSize="
                    + checkpoint.treeSize()))).isEqualTo(path(proof));
        }
    }

    @Test
    void keepsACheckpointPendingUntilTheTreeReachesItAndProvesItConsistentWithAnEarlierOne() throws Exception {
        sendShuffledAcrossPartitions(append(40).records());
        Checkpoint earlier = sign(LEDGER.size());
        send(earlier);
        await("/api/v1/ledger/checkpoints/" + earlier.treeSize(),
                answer -> answer.get("status").asString().equals("VERIFIED"));

        Appended more = append(70);
        Checkpoint later = sign(LEDGER.size());
        send(later);
        sendShuffledAcrossPartitions(more.records().subList(0, 69));
        await("/api/v1/ledger/tree", tree -> tree.get("size").asLong() == later.treeSize() - 1);
        assertThat(ok("/api/v1/ledger/checkpoints/" + later.treeSize()).get("status").asString())
                .as("the tree is one leaf short").isEqualTo("PENDING");
        assertProblem("/api/v1/ledger/proofs/consistency?from=" + earlier.treeSize() + "&to=" + later.treeSize(),
                HttpStatus.CONFLICT);

        sendShuffledAcrossPartitions(more.records().subList(69, 70));
        await("/api/v1/ledger/checkpoints/" + later.treeSize(),
                answer -> answer.get("status").asString().equals("VERIFIED"));
        JsonNode proof = ok("/api/v1/ledger/proofs/consistency?from=" + earlier.treeSize() + "&to="
                + later.treeSize());
        assertThat(proof.get("fromRoot").asString()).isEqualTo(earlier.rootHash());
        assertThat(proof.get("toRoot").asString()).isEqualTo(later.rootHash());
        assertThat(ProofVerifier.verifyConsistency(earlier.treeSize(), later.treeSize(), earlier.root(),
                later.root(), path(proof))).isTrue();

        JsonNode key = StreamSupport.stream(ok("/api/v1/ledger/keys").spliterator(), false)
                .filter(candidate -> candidate.get("keyId").asString().equals(SIGNER.keyId())).findFirst()
                .orElseThrow();
        assertThat(LedgerKeys.publicKey(key.get("publicKey").asString())).isEqualTo(KEY.getPublic());
        assertThat(key.get("checkpoints").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void marksACheckpointWhoseRootIsNotTheTreesAsAMismatch() throws Exception {
        sendShuffledAcrossPartitions(append(10).records());
        long size = LEDGER.size();
        Checkpoint forged = SIGNER.sign(size, LEDGER.proofs().root(size - 1), Instant.now());
        FORGED.add(size);
        send(forged);

        JsonNode mismatch = await("/api/v1/ledger/checkpoints/" + size,
                answer -> answer.get("status").asString().equals("ROOT_MISMATCH"));
        assertThat(mismatch.get("rootHash").asString()).isEqualTo(forged.rootHash());
        assertThat(mismatch.has("checkedAt")).isTrue();
        assertThat(texts(ok("/api/v1/ledger/checkpoints?status=ROOT_MISMATCH").get("items"), "signature"))
                .contains(forged.signature());
        assertThat(ok("/api/v1/ledger/checkpoints/latest").get("treeSize").asLong())
                .as("a mismatch is never the latest verified").isLessThan(size);
        assertThat(ok("/api/v1/ledger/tree").get("rootHash").asString()).isEqualTo(LEDGER.proofs().root(size).hex());
    }

    @Test
    void parksARecordClaimingAPlaceAnotherEventHoldsAndAppliesTheRestOfItsBatch() throws Exception {
        Appended held = append(3);
        sendShuffledAcrossPartitions(held.records());
        long heldSequence = LEDGER.size() - 2;
        await("/api/v1/ledger/tree", tree -> tree.get("size").asLong() >= LEDGER.size());

        LedgerEnvelope intruder = deployment();
        Appended good = append(4);
        LedgerEnvelope moved = held.envelopes().get(0);
        // one partition, one burst: the consumer takes them in order, most likely in one poll
        sendToPartitionZero(codec.toRecord(TOPIC, intruder, heldSequence));
        sendToPartitionZero(good.records().get(0));
        sendToPartitionZero(good.records().get(1));
        sendToPartitionZero(codec.toRecord(TOPIC, moved, LEDGER.size() + 100));
        sendToPartitionZero(good.records().get(2));
        sendToPartitionZero(good.records().get(3));

        await("/api/v1/ledger/tree", tree -> tree.get("size").asLong() == LEDGER.size());
        assertThat(ok("/api/v1/ledger/tree").get("rootHash").asString()).isEqualTo(LEDGER.root().hex());
        good.envelopes().forEach(envelope -> assertThat(ok("/api/v1/changes/" + envelope.key())).isNotNull());

        ConsumerRecord<String, byte[]> parkedIntruder = awaitDeadLetter(intruder.key());
        assertThat(header(parkedIntruder, "dlq-reason")).contains("claims ledger sequence " + heldSequence,
                "that sequence holds event " + held.envelopes().get(1).eventId());
        assertProblem("/api/v1/changes/" + intruder.key(), HttpStatus.NOT_FOUND);
        assertThat(ok("/api/v1/ledger/entries/" + heldSequence).get("eventId").asString())
                .isEqualTo(held.envelopes().get(1).eventId().toString());

        List<ConsumerRecord<String, byte[]>> parked = deadLettersUpTo(moved.key());
        assertThat(header(parked.get(parked.size() - 1), "dlq-reason"))
                .contains("this event is held at sequence " + (heldSequence - 1));
        assertProblem("/api/v1/ledger/entries/" + (LEDGER.size() + 100), HttpStatus.NOT_FOUND);
    }

    @Test
    void changesNothingWhenABatchIsDeliveredAgain() throws Exception {
        Appended batch = append(20);
        sendShuffledAcrossPartitions(batch.records());
        Checkpoint checkpoint = sign(LEDGER.size());
        send(checkpoint);
        await("/api/v1/ledger/checkpoints/" + checkpoint.treeSize(),
                answer -> answer.get("status").asString().equals("VERIFIED"));
        JsonNode before = ok("/api/v1/ledger/tree");
        long entries = count("ledger_entry");
        long nodes = count("ledger_node");
        long checkpoints = count("ledger_checkpoint");
        long processed = count("processed_event");

        for (ProducerRecord<String, byte[]> record : batch.records()) {
            sendToPartitionZero(record);
        }
        send(checkpoint);
        // after the copies on the same partition: once it is parked, every copy before it has been taken
        LedgerEnvelope sentinel = deployment();
        sendToPartitionZero(codec.toRecord(TOPIC, sentinel, 0));

        List<ConsumerRecord<String, byte[]>> parked = deadLettersUpTo(sentinel.key());
        List<String> copies = batch.envelopes().stream().map(LedgerEnvelope::key).toList();
        assertThat(parked).extracting(ConsumerRecord::key).doesNotContainAnyElementsOf(copies);
        assertThat(ok("/api/v1/ledger/tree")).isEqualTo(before);
        assertThat(count("ledger_entry")).isEqualTo(entries);
        assertThat(count("ledger_node")).isEqualTo(nodes);
        assertThat(count("ledger_checkpoint")).isEqualTo(checkpoints);
        assertThat(count("processed_event")).isEqualTo(processed);
    }

    @Test
    void exportsADumpAndABundleThatTheOfflineVerifierAccepts() throws Exception {
        Appended first = append(30);
        sendShuffledAcrossPartitions(first.records());
        Checkpoint earlier = sign(LEDGER.size());
        send(earlier);
        Appended second = append(45);
        sendShuffledAcrossPartitions(second.records());
        Checkpoint latest = sign(LEDGER.size());
        send(latest);
        await("/api/v1/ledger/checkpoints/" + latest.treeSize(),
                answer -> answer.get("status").asString().equals("VERIFIED"));
        await("/api/v1/ledger/checkpoints/" + earlier.treeSize(),
                answer -> answer.get("status").asString().equals("VERIFIED"));

        ResponseEntity<byte[]> dump = getBytes("/api/v1/ledger/dump");
        assertThat(dump.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(dump.getHeaders().getContentType()).hasToString("application/x-ndjson");
        List<String> lines = new String(dump.getBody(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).contains("\"treeSize\":" + latest.treeSize());
        assertThat(lines.get(lines.size() - 1)).contains("\"sequence\":" + (latest.treeSize() - 1) + ",");
        VerificationReport dumped = new DumpVerifier(KEYS).verify(new ByteArrayInputStream(dump.getBody()));
        assertThat(dumped.entries()).isEqualTo(latest.treeSize());
        assertThat(dumped.findings()).as("nothing but the forged checkpoints of another test")
                .allSatisfy(finding -> assertThat(FORGED).contains(finding.treeSize()));

        String events = Stream.of(first.envelopes().get(3), second.envelopes().get(0), second.envelopes().get(44))
                .map(envelope -> "eventId=" + envelope.eventId()).collect(Collectors.joining("&"));
        ResponseEntity<byte[]> bundle = getBytes("/api/v1/ledger/bundle?" + events + "&since="
                + earlier.treeSize());
        assertThat(bundle.getStatusCode()).isEqualTo(HttpStatus.OK);
        EvidenceBundle read = EvidenceBundles.read(new ByteArrayInputStream(bundle.getBody()));
        assertThat(read.checkpoints()).containsExactly(earlier, latest);
        assertThat(read.entries()).hasSize(3);
        assertThat(read.inclusionProofs()).hasSize(3);
        assertThat(read.consistencyProofs()).hasSize(1);
        VerificationReport bundled = new BundleVerifier(KEYS).verify(new ByteArrayInputStream(bundle.getBody()));
        assertThat(bundled.findings()).isEmpty();

        assertProblem("/api/v1/ledger/bundle?" + events + "&treeSize=" + earlier.treeSize(), HttpStatus.BAD_REQUEST);
        assertProblem("/api/v1/ledger/bundle?eventId=" + UUID.randomUUID(), HttpStatus.NOT_FOUND);
        assertProblem("/api/v1/ledger/dump?treeSize=" + (LEDGER.size() + 1), HttpStatus.CONFLICT);
    }

    @Test
    void parksACheckpointThatTheKeyItNamesDidNotSign() throws Exception {
        Checkpoint genuine = sign(LEDGER.size());
        Checkpoint altered = new Checkpoint(genuine.origin(), genuine.treeSize() + 1, genuine.rootHash(),
                genuine.time(), genuine.keyId(), genuine.signature());
        KeyPair other = LedgerKeys.generate();
        String alteredKey = "altered-" + UUID.randomUUID();
        String otherKey = "other-" + UUID.randomUUID();
        producer.send(keyed(checkpointCodec.toRecord(CHECKPOINTS, altered, KEY.getPublic()), alteredKey)).get();
        producer.send(keyed(checkpointCodec.toRecord(CHECKPOINTS, genuine, other.getPublic()), otherKey)).get();

        assertThat(header(awaitDeadLetter(alteredKey), "dlq-reason"))
                .contains("does not verify with key " + SIGNER.keyId());
        assertThat(header(awaitDeadLetter(otherKey), "dlq-reason"))
                .contains("names key " + SIGNER.keyId() + ", its record carries key " + LedgerKeys.keyId(
                        other.getPublic()));
        assertThat(texts(ok("/api/v1/ledger/keys"), "keyId")).doesNotContain(LedgerKeys.keyId(other.getPublic()));
    }

    /** New events at the next sequences of the ledger, their leaves appended to it. */
    private Appended append(int count) {
        List<LedgerEnvelope> envelopes = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        synchronized (LEDGER) {
            for (int i = 0; i < count; i++) {
                LedgerEnvelope envelope = deployment();
                ProducerRecord<String, byte[]> record = codec.toRecord(TOPIC, envelope, LEDGER.size());
                LEDGER.append(codec.leafOf(record.headers()).hash());
                envelopes.add(envelope);
                records.add(record);
            }
        }
        return new Appended(envelopes, records);
    }

    private LedgerEnvelope deployment() {
        return envelope(new DeploymentRecorded(newId(), "ledger-" + random.nextInt(5), "production", "1.0." + random
                .nextInt(100), null, "alice", null, "api", Instant.now()), Instant.now());
    }

    private void sendShuffledAcrossPartitions(List<ProducerRecord<String, byte[]>> records) throws Exception {
        List<ProducerRecord<String, byte[]>> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, random);
        for (int i = 0; i < shuffled.size(); i++) {
            ProducerRecord<String, byte[]> record = shuffled.get(i);
            producer.send(new ProducerRecord<>(TOPIC, i % 3, record.key(), record.value(), record.headers()));
        }
        producer.flush();
    }

    private void sendToPartitionZero(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, 0, record.key(), record.value(), record.headers())).get();
    }

    /** The same record under another Kafka key, by which its dead letter is found. */
    private static ProducerRecord<String, byte[]> keyed(ProducerRecord<String, byte[]> record, String key) {
        return new ProducerRecord<>(record.topic(), null, key, record.value(), record.headers());
    }

    private Checkpoint sign(long size) {
        return SIGNER.sign(size, LEDGER.proofs().root(size), Instant.now());
    }

    private void send(Checkpoint checkpoint) throws Exception {
        producer.send(checkpointCodec.toRecord(CHECKPOINTS, checkpoint, KEY.getPublic())).get();
    }

    private static Checkpoint signed(JsonNode view) {
        return new Checkpoint(view.get("origin").asString(), view.get("treeSize").asLong(),
                view.get("rootHash").asString(), Instant.parse(view.get("time").asString()),
                view.get("keyId").asString(), view.get("signature").asString());
    }

    private static List<Digest> path(JsonNode proof) {
        List<Digest> path = new ArrayList<>();
        proof.get("path").forEach(hash -> path.add(Digest.fromHex(hash.asString())));
        return path;
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from query." + table).query(Long.class).single();
    }
}
