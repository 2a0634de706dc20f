package io.changeledger.query.audit;

import io.changeledger.events.LedgerEvent;
import io.changeledger.events.SampleEvents;
import io.changeledger.events.access.AccessApproved;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.access.AccessRequested;
import io.changeledger.events.access.AccessUsed;
import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.EvidenceAttached;
import io.changeledger.events.change.EvidenceLink;
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
import io.changeledger.proof.TrustedKey;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.proof.format.LedgerEntryLine;
import io.changeledger.proof.verify.BundleVerifier;
import io.changeledger.proof.verify.Finding;
import io.changeledger.proof.verify.VerificationReport;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence packets over a ledger this class grows from sequence zero with signed checkpoints, as the command side
 * does, in an application context of its own (the shared one's sequences from zero belong to the ledger tests).
 */
@TestPropertySource(properties = "changeledger.audit.send-batch=50")
class EvidencePacketIntegrationTest extends LedgerApiIntegrationTest {

    private static final String CHECKPOINTS = "changeledger.checkpoints";
    private static final MemoryTree LEDGER = new MemoryTree();
    private static final KeyPair KEY = LedgerKeys.generate();
    private static final CheckpointSigner SIGNER =
            new CheckpointSigner("changeledger.test", KEY.getPrivate(), KEY.getPublic());
    private static final KeyRing KEYS = KeyRing.of(new TrustedKey(KEY.getPublic(), null, null));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    private final CheckpointCodec checkpoints = new CheckpointCodec();

    @BeforeEach
    void checkpointsTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.getBootstrapServers()))) {
            LedgerTopics.ensure(admin, new LedgerTopics.TopicSpec(CHECKPOINTS, 1, (short) 1, -1, 1));
        }
    }

    /** A change that ran from 10:30 to 10:50, approved by carol, and dave's access to its system meanwhile. */
    private record Scenario(String changeId, String grantId, String service) {
    }

    private Scenario changeWithAccess() throws Exception {
        Scenario scenario = new Scenario(newId(), newId(), "evidence-" + newId());
        Instant running = START.plus(Duration.ofMinutes(30));
        append(requested(scenario.changeId(), scenario.service(), "production", 1, START));
        append(new AccessRequested(scenario.grantId(), "dave", scenario.service(), null, "dba", true, false,
                "run the migration", Duration.ofHours(2), scenario.changeId(), null, "dave", "api",
                SampleEvents.ACCESS_POLICY, START.plusSeconds(60)));
        append(new ChangeApproved(scenario.changeId(), "carol", "plan reviewed", false, START.plusSeconds(120)));
        append(new AccessApproved(scenario.grantId(), "carol", "for the change", START.plusSeconds(180)));
        append(new AccessGranted(scenario.grantId(), START.plusSeconds(600), START.plus(Duration.ofHours(2)),
                "iam-bot", START.plusSeconds(600)));
        append(new ChangeStarted(scenario.changeId(), "deploy-bot", "argocd", running));
        append(new AccessUsed(scenario.grantId(), "tsh-1", running.plusSeconds(60), running.plusSeconds(600),
                "teleport", running.plusSeconds(600)));
        append(new ChangeCompleted(scenario.changeId(), "deploy-bot", "argocd", running.plus(Duration.ofMinutes(20))));
        append(new EvidenceAttached(scenario.changeId(), new EvidenceLink(EvidenceLink.EvidenceType.TEST_REPORT,
                "https://ci.example/reports/1", null, "smoke tests"), "ci-bot", running.plus(Duration.ofMinutes(21))));
        return scenario;
    }

    @Test
    void givesAChangesEventsProvenToTheLatestVerifiedCheckpointWithItsApprovalsEvidenceAndAccess() throws Exception {
        Scenario scenario = changeWithAccess();
        Checkpoint checkpoint = checkpoint();

        JsonNode packet = ok("/api/v1/audit/evidence/changes/" + scenario.changeId());

        assertThat(packet.get("complete").asBoolean()).isTrue();
        assertThat(texts(packet.get("events"), "type")).containsExactly("ChangeRequested", "ChangeApproved",
                "ChangeStarted", "ChangeCompleted", "EvidenceAttached");
        Checkpoint signed = EvidenceBundles.readCheckpoint(new ByteArrayInputStream(
                JSON.writeValueAsBytes(packet.get("checkpoint"))));
        assertThat(signed).isEqualTo(checkpoint);
        assertThat(KEYS.check(signed)).isEqualTo(CheckpointCheck.VALID);
        long previous = -1;
        for (JsonNode event : packet.get("events")) {
            long sequence = event.get("sequence").asLong();
            assertThat(sequence).as("ledger order").isGreaterThan(previous);
            previous = sequence;
            Digest leaf = Hashes.leaf(CanonicalJson.canonicalize(event.get("entry")));
            assertThat(event.get("leafHash").asString()).isEqualTo(leaf.hex()).isEqualTo(LEDGER.leaf(sequence).hex());
            JsonNode proof = event.get("inclusionProof");
            List<Digest> path = new ArrayList<>();
            proof.get("path").forEach(hash -> path.add(Digest.fromHex(hash.asString())));
            assertThat(ProofVerifier.verifyInclusion(sequence, proof.get("treeSize").asLong(), leaf, path,
                    signed.root())).as("inclusion of %d", sequence).isTrue();
        }
        JsonNode change = packet.get("change");
        assertThat(change.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(texts(change.get("approvals"), "approver")).containsExactly("carol");
        assertThat(texts(change.get("evidence"), "url")).containsExactly("https://ci.example/reports/1");
        assertThat(change.get("violations")).isEmpty();
        JsonNode holder = packet.get("access").get("items").get(0);
        assertThat(holder.get("grantId").asString()).isEqualTo(scenario.grantId());
        assertThat(holder.get("principal").asString()).isEqualTo("dave");
        assertThat(holder.get("used").asBoolean()).isTrue();
    }

    @Test
    void offersThePacketAsABundleTheOfflineVerifierAcceptsAndRejectsOnceAnEventIsAltered() throws Exception {
        Scenario scenario = changeWithAccess();
        checkpoint();

        ResponseEntity<byte[]> answer = getBytes("/api/v1/audit/evidence/changes/" + scenario.changeId()
                + "?format=bundle");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        EvidenceBundle bundle = EvidenceBundles.read(new ByteArrayInputStream(answer.getBody()));
        VerificationReport report = new BundleVerifier(KEYS).verify(new ByteArrayInputStream(answer.getBody()));

        assertThat(bundle.entries()).hasSize(5);
        assertThat(bundle.inclusionProofs()).hasSize(5);
        assertThat(report.findings()).isEmpty();
        assertThat(report.ok()).isTrue();

        LedgerEntryLine approval = bundle.entries().get(1);
        ObjectNode altered = (ObjectNode) approval.entry().deepCopy();
        ((ObjectNode) altered.get("payload")).put("approver", "mallory");
        List<LedgerEntryLine> entries = new ArrayList<>(bundle.entries());
        entries.set(1, new LedgerEntryLine(approval.sequence(), approval.leafHash(), altered));
        ByteArrayOutputStream tampered = new ByteArrayOutputStream();
        EvidenceBundles.write(new EvidenceBundle(bundle.origin(), bundle.checkpoints(), entries,
                bundle.inclusionProofs(), bundle.consistencyProofs()), tampered);
        VerificationReport rejected = new BundleVerifier(KEYS).verify(new ByteArrayInputStream(tampered.toByteArray()));

        assertThat(rejected.ok()).isFalse();
        assertThat(rejected.findings()).extracting(Finding::kind, Finding::sequence)
                .contains(org.assertj.core.groups.Tuple.tuple(Finding.Kind.MODIFIED, approval.sequence()));
    }

    @Test
    void givesAGrantsEventsProvenAndAsABundle() throws Exception {
        Scenario scenario = changeWithAccess();
        checkpoint();

        JsonNode packet = ok("/api/v1/audit/evidence/grants/" + scenario.grantId());
        ResponseEntity<byte[]> bundle = getBytes("/api/v1/audit/evidence/grants/" + scenario.grantId()
                + "?format=bundle");

        assertThat(packet.get("complete").asBoolean()).isTrue();
        assertThat(texts(packet.get("events"), "type")).containsExactly("AccessRequested", "AccessApproved",
                "AccessGranted", "AccessUsed");
        assertThat(packet.get("grant").get("changeId").asString()).isEqualTo(scenario.changeId());
        assertThat(texts(packet.get("grant").get("approvals"), "approver")).containsExactly("carol");
        assertThat(bundle.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(new BundleVerifier(KEYS).verify(new ByteArrayInputStream(bundle.getBody())).findings()).isEmpty();
    }

    @Test
    void marksEventsNoVerifiedCheckpointCoversYetAndRefusesTheirBundleUntilOneDoes() throws Exception {
        Scenario scenario = changeWithAccess();
        checkpoint();
        append(new EvidenceAttached(scenario.changeId(), new EvidenceLink(EvidenceLink.EvidenceType.OTHER,
                "https://wiki.example/postmortem", null, null), "erin", START.plus(Duration.ofHours(1))));

        JsonNode packet = await("/api/v1/audit/evidence/changes/" + scenario.changeId(),
                answer -> answer.get("events").size() == 6);

        assertThat(packet.get("complete").asBoolean()).isFalse();
        assertThat(packet.get("events").get(5).get("inclusionProof").isNull()).isTrue();
        assertThat(packet.get("events").get(4).get("inclusionProof").isNull()).isFalse();
        assertProblem("/api/v1/audit/evidence/changes/" + scenario.changeId() + "?format=bundle",
                HttpStatus.CONFLICT);

        checkpoint();
        assertThat(ok("/api/v1/audit/evidence/changes/" + scenario.changeId()).get("complete").asBoolean()).isTrue();
        assertThat(getBytes("/api/v1/audit/evidence/changes/" + scenario.changeId() + "?format=bundle")
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** The event at the ledger's next sequence, sent as the command side publishes it. */
    private void append(LedgerEvent event) throws Exception {
        LedgerEnvelope envelope = envelope(event, event.occurredAt().plusMillis(100));
        ProducerRecord<String, byte[]> record;
        synchronized (LEDGER) {
            record = codec.toRecord(TOPIC, envelope, LEDGER.size());
            LEDGER.append(codec.leafOf(record.headers()).hash());
        }
        producer.send(record).get();
    }

    /** Signs the ledger as it stands and waits until the query side has verified it. */
    private Checkpoint checkpoint() throws Exception {
        Checkpoint checkpoint = SIGNER.sign(LEDGER.size(), LEDGER.proofs().root(LEDGER.size()), Instant.now());
        producer.send(checkpoints.toRecord(CHECKPOINTS, checkpoint, KEY.getPublic())).get();
        await("/api/v1/ledger/checkpoints/latest", latest -> latest.get("treeSize").asLong() == checkpoint.treeSize());
        return checkpoint;
    }
}
