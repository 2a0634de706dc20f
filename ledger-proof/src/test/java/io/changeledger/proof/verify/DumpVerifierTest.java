package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LeafEntry;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.TrustedKey;
import io.changeledger.proof.verify.Finding.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A ledger of 300 events, checkpoints every 50; each test tampers with the dump as an attacker would. */
class DumpVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestLedger ledger = TestLedger.of(300, 50);
    private final List<String> lines = ledger.dump();

    private VerificationReport verify(List<String> dump) {
        return new DumpVerifier(ledger.ring()).verify(TestLedger.stream(dump));
    }

    private VerificationReport verify(List<String> dump, KeyRing ring, List<Checkpoint> trusted) {
        return new DumpVerifier(ring, trusted).verify(TestLedger.stream(dump));
    }

    private static void assertFindings(VerificationReport report, Object... kindSequenceSize) {
        Object[][] expected = new Object[kindSequenceSize.length / 3][];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = new Object[]{kindSequenceSize[3 * i], kindSequenceSize[3 * i + 1], kindSequenceSize[3 * i + 2]};
        }
        assertThat(report.findings()).extracting(Finding::kind, Finding::sequence, Finding::treeSize)
                .containsExactly(java.util.Arrays.stream(expected).map(e -> tuple(e[0], e[1], e[2]))
                        .toArray(org.assertj.core.groups.Tuple[]::new));
    }

    private ObjectNode line(int index) {
        return (ObjectNode) JSON.readTree(lines.get(index));
    }

    @Test
    void findsNothingWrongWithAnHonestDump() {
        VerificationReport report = verify(lines);
        assertThat(report.findings()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.entries()).isEqualTo(300);
        assertThat(report.checkpoints()).isEqualTo(6);
    }

    @Test
    void pinsAChangedPayloadByteToItsSequence() {
        int index = ledger.lineOf(42);
        lines.set(index, lines.get(index).replace("\"svc-0\"", "\"svc-9\""));
        assertFindings(verify(lines), Kind.MODIFIED, 42L, null);
    }

    @Test
    void reportsADeletedEventAsRemoved() {
        lines.remove(ledger.lineOf(42));
        VerificationReport report = verify(lines);
        assertFindings(report, Kind.REMOVED, 42L, null);
    }

    @Test
    void namesBothEntriesOfAnAdjacentSwap() {
        Collections.swap(lines, ledger.lineOf(42), ledger.lineOf(43));
        VerificationReport report = verify(lines);
        assertFindings(report, Kind.REORDERED, 42L, null);
        assertThat(report.findings().get(0).detail()).contains("42").contains("43");
    }

    @Test
    void namesBothEntriesOfADistantSwap() {
        Collections.swap(lines, ledger.lineOf(40), ledger.lineOf(47));
        VerificationReport report = verify(lines);
        assertFindings(report, Kind.REORDERED, 40L, null);
        assertThat(report.findings().get(0).detail()).contains("40").contains("47");
    }

    @Test
    void namesBothEntriesWhoseContentsWereExchangedInPlace() {
        ObjectNode a = line(ledger.lineOf(42));
        ObjectNode b = line(ledger.lineOf(97));
        var contentOfA = a.get("entry");
        a.set("entry", b.get("entry"));
        b.set("entry", contentOfA);
        lines.set(ledger.lineOf(42), a.toString());
        lines.set(ledger.lineOf(97), b.toString());
        VerificationReport report = verify(lines);
        assertFindings(report, Kind.REORDERED, 42L, null);
        assertThat(report.findings().get(0).detail()).contains("97");
    }

    @Test
    void reportsADuplicatedSequenceAsInserted() {
        ObjectNode forged = line(ledger.lineOf(42));
        ((ObjectNode) forged.get("entry").get("payload")).put("service", "backdoor");
        forged.put("leafHash", LeafEntry.leafHash(forged.get("entry")).hex());
        lines.add(ledger.lineOf(43), forged.toString());
        assertFindings(verify(lines), Kind.INSERTED, 42L, null);
    }

    @Test
    void anInsertedCopyInFrontOfTheGenuineEntryAlsoBreaksTheNextRoot() {
        ObjectNode forged = line(ledger.lineOf(42));
        ((ObjectNode) forged.get("entry").get("payload")).put("service", "backdoor");
        forged.put("leafHash", LeafEntry.leafHash(forged.get("entry")).hex());
        lines.add(ledger.lineOf(42), forged.toString());
        assertFindings(verify(lines), Kind.ROOT_MISMATCH, 0L, 50L, Kind.INSERTED, 42L, null);
    }

    @Test
    void reportsAnEntryBeyondTheClaimedSizeAsInserted() {
        ObjectNode extra = line(ledger.lineOf(299));
        extra.put("sequence", 300);
        lines.add(extra.toString());
        assertFindings(verify(lines), Kind.INSERTED, 300L, 300L);
    }

    @Test
    void narrowsAConsistentRewriteToTheWindowBetweenCheckpoints() {
        ObjectNode rewritten = line(ledger.lineOf(142));
        ((ObjectNode) rewritten.get("entry").get("payload")).put("version", "6.6.6");
        rewritten.put("leafHash", LeafEntry.leafHash(rewritten.get("entry")).hex());
        lines.set(ledger.lineOf(142), rewritten.toString());
        VerificationReport report = verify(lines);
        assertFindings(report, Kind.ROOT_MISMATCH, 100L, 150L);
        assertThat(report.findings().get(0).detail()).contains("from sequence 100 to 149");
    }

    @Test
    void pinsARewrittenRecordedHashToItsSequence() {
        ObjectNode line = line(ledger.lineOf(7));
        line.put("leafHash", "0".repeat(64));
        lines.set(ledger.lineOf(7), line.toString());
        assertFindings(verify(lines), Kind.MODIFIED, 7L, null);
    }

    @Test
    void reportsADroppedTailAsTruncatedFromTheFirstMissingSequence() {
        lines.subList(ledger.lineOf(240), lines.size()).clear();
        assertFindings(verify(lines), Kind.TRUNCATED, 240L, 300L);
    }

    @Test
    void aDroppedTailWithItsCheckpointsIsCaughtByTheAuditorsSavedCheckpoint() {
        List<String> shortened = TestLedger.dump(ledger.checkpoints.subList(0, 4), ledger.entries.subList(0, 200),
                200);
        assertThat(verify(shortened).ok()).isTrue();
        VerificationReport report = verify(shortened, ledger.ring(), List.of(ledger.checkpointAt(300)));
        assertFindings(report, Kind.TRUNCATED, 200L, 300L);
    }

    @Test
    void detectsTwoTreesServedToTwoAuditors() {
        TestLedger a = TestLedger.of(300, 50);
        TestLedger b = new TestLedger();
        b.append(120, "main", 50);
        b.checkpoints.clear();
        b.append(180, "rewritten", 50);
        // each dump is consistent on its own
        assertThat(verify(a.dump()).ok()).isTrue();
        assertThat(verify(b.dump()).ok()).isTrue();

        Checkpoint savedByFirstAuditor = a.checkpointAt(150);
        VerificationReport second = verify(b.dump(), b.ring(), List.of(savedByFirstAuditor));
        assertFindings(second, Kind.FORK, null, 150L);
        assertThat(verify(b.dump(), b.ring(), List.of(a.checkpointAt(100))).ok()).isTrue();
    }

    @Test
    void twoSignedRootsForOneSizeAreAnEquivocation() {
        TestLedger other = new TestLedger();
        other.append(150, "other", 150);
        List<Checkpoint> both = new java.util.ArrayList<>(ledger.checkpoints);
        both.add(other.checkpointAt(150));
        VerificationReport report = verify(TestLedger.dump(both, ledger.entries, 300));
        assertFindings(report, Kind.FORK, null, 150L);
        assertThat(report.findings().get(0).detail()).contains(ledger.checkpointAt(150).rootHash())
                .contains(other.checkpointAt(150).rootHash());
    }

    @Test
    void refusesACheckpointWhoseSignedFieldsWereChanged() {
        ObjectNode line = line(2);
        ObjectNode checkpoint = (ObjectNode) line.get("checkpoint");
        assertThat(checkpoint.get("treeSize").asLong()).isEqualTo(100);
        checkpoint.put("rootHash", ledger.checkpointAt(50).rootHash());
        lines.set(2, line.toString());
        assertFindings(verify(lines), Kind.BAD_SIGNATURE, null, 100L);
    }

    @Test
    void refusesCheckpointsOfAnUnknownKey() {
        KeyRing stranger = KeyRing.of(new TrustedKey(LedgerKeys.generate().getPublic(), null, null));
        VerificationReport report = verify(lines, stranger, List.of());
        assertThat(report.findings()).extracting(Finding::kind).containsOnly(Kind.UNKNOWN_KEY).hasSize(6);
    }

    @Test
    void acceptsRotatedKeysEachWithinItsValidity() {
        Instant rotation = TestLedger.START.plusSeconds(60L * 150);
        KeyPair newKeys = LedgerKeys.generate();
        CheckpointSigner oldSigner = new CheckpointSigner(TestLedger.ORIGIN, TestLedger.KEYS.getPrivate(),
                TestLedger.KEYS.getPublic());
        CheckpointSigner newSigner = new CheckpointSigner(TestLedger.ORIGIN, newKeys.getPrivate(),
                newKeys.getPublic());
        TestLedger rotated = new TestLedger(oldSigner);
        rotated.append(100, "main", 1000);
        rotated.checkpoints.clear();
        rotated.checkpoint(oldSigner, rotation.minusSeconds(1));
        rotated.append(100, "main", 1000);
        rotated.checkpoints.remove(rotated.checkpoints.size() - 1);
        rotated.checkpoint(newSigner, rotation);
        rotated.append(100, "main", 1000);
        rotated.checkpoints.remove(rotated.checkpoints.size() - 1);
        rotated.checkpoint(oldSigner, rotation.plusSeconds(60));
        KeyRing ring = KeyRing.of(new TrustedKey(TestLedger.KEYS.getPublic(), null, rotation),
                new TrustedKey(newKeys.getPublic(), rotation, null));

        VerificationReport report = verify(rotated.dump(), ring, List.of());
        assertFindings(report, Kind.OUTSIDE_KEY_VALIDITY, null, 300L);
        assertThat(report.checkpoints()).isEqualTo(3);
    }

    @Test
    void reportsAnUnreadableLineAndTheEntryItHid() {
        lines.set(ledger.lineOf(42), "{\"sequence\":42,\"leafHash\":");
        VerificationReport report = verify(lines);
        assertFindings(report, Kind.MALFORMED, null, null, Kind.REMOVED, 42L, null);
        assertThat(report.findings().get(0).detail()).startsWith("line " + (ledger.lineOf(42) + 1) + ":");
    }

    @Test
    void reportsADumpWithoutAHeader() {
        lines.remove(0);
        assertFindings(verify(lines), Kind.MALFORMED, null, null);
    }

    @Test
    void verifiesTheSameWithOneThreadAsWithSeveral() {
        Collections.swap(lines, ledger.lineOf(10), ledger.lineOf(11));
        lines.remove(ledger.lineOf(200));
        VerificationReport one = new DumpVerifier(ledger.ring(), List.of(), 1).verify(TestLedger.stream(lines));
        VerificationReport four = new DumpVerifier(ledger.ring(), List.of(), 4).verify(TestLedger.stream(lines));
        assertThat(one).isEqualTo(four);
        assertFindings(one, Kind.REORDERED, 10L, null, Kind.REMOVED, 200L, null);
    }
}
