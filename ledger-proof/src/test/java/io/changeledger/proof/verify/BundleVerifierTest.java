package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import io.changeledger.proof.LeafEntry;
import io.changeledger.proof.format.ConsistencyProof;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.proof.format.InclusionProof;
import io.changeledger.proof.format.LedgerEntryLine;
import io.changeledger.proof.verify.Finding.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BundleVerifierTest {

    private final TestLedger ledger = TestLedger.of(300, 50);

    private InclusionProof inclusion(long sequence, long size) {
        return new InclusionProof(sequence, size, hex(ledger.tree.proofs().inclusion(sequence, size)));
    }

    private static List<String> hex(List<Digest> digests) {
        return digests.stream().map(Digest::hex).toList();
    }

    private EvidenceBundle bundle(List<LedgerEntryLine> entries, List<InclusionProof> inclusions,
                                  List<ConsistencyProof> consistencies, List<Checkpoint> checkpoints) {
        return new EvidenceBundle(TestLedger.ORIGIN, checkpoints, entries, inclusions, consistencies);
    }

    private EvidenceBundle honest() {
        return bundle(List.of(ledger.entries.get(10), ledger.entries.get(42), ledger.entries.get(249)),
                List.of(inclusion(10, 100), inclusion(42, 300), inclusion(249, 250)),
                List.of(new ConsistencyProof(100, 300, hex(ledger.tree.proofs().consistency(100, 300)))),
                List.of(ledger.checkpointAt(100), ledger.checkpointAt(250), ledger.checkpointAt(300)));
    }

    private VerificationReport verify(EvidenceBundle bundle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EvidenceBundles.write(bundle, out);
        return new BundleVerifier(ledger.ring()).verify(new ByteArrayInputStream(out.toByteArray()));
    }

    private static LedgerEntryLine tampered(LedgerEntryLine entry, boolean rehash) {
        ObjectNode content = (ObjectNode) entry.entry().deepCopy();
        ((ObjectNode) content.get("payload")).put("approved", true).put("service", "svc-x");
        return new LedgerEntryLine(entry.sequence(), rehash ? LeafEntry.leafHash(content).hex() : entry.leafHash(),
                content);
    }

    @Test
    void findsNothingWrongWithAnHonestBundle() {
        VerificationReport report = verify(honest());
        assertThat(report.findings()).isEmpty();
        assertThat(report.entries()).isEqualTo(3);
        assertThat(report.checkpoints()).isEqualTo(3);
    }

    @Test
    void pinsAModifiedEntryOnce() {
        EvidenceBundle honest = honest();
        List<LedgerEntryLine> entries = new ArrayList<>(honest.entries());
        entries.set(1, tampered(entries.get(1), false));
        VerificationReport report = verify(bundle(entries, honest.inclusionProofs(), honest.consistencyProofs(),
                honest.checkpoints()));
        assertThat(report.findings()).extracting(Finding::kind, Finding::sequence)
                .containsExactly(tuple(Kind.MODIFIED, 42L));
    }

    @Test
    void aRehashedEntryHasNoProofToTheSignedRoot() {
        EvidenceBundle honest = honest();
        List<LedgerEntryLine> entries = new ArrayList<>(honest.entries());
        entries.set(1, tampered(entries.get(1), true));
        VerificationReport report = verify(bundle(entries, honest.inclusionProofs(), honest.consistencyProofs(),
                honest.checkpoints()));
        assertThat(report.findings()).extracting(Finding::kind, Finding::sequence, Finding::treeSize)
                .containsExactly(tuple(Kind.BAD_PROOF, 42L, 300L));
    }

    @Test
    void anInclusionProofNeedsASignedCheckpointOfItsSize() {
        EvidenceBundle honest = honest();
        VerificationReport report = verify(bundle(honest.entries(), List.of(inclusion(42, 200)), List.of(),
                honest.checkpoints()));
        assertThat(report.findings()).extracting(Finding::kind, Finding::sequence, Finding::treeSize)
                .containsExactly(tuple(Kind.BAD_PROOF, 42L, 200L));
    }

    @Test
    void aProofForAnotherLeafDoesNotVerify() {
        EvidenceBundle honest = honest();
        InclusionProof wrong = new InclusionProof(42, 300, inclusion(43, 300).path());
        VerificationReport report = verify(bundle(honest.entries(), List.of(wrong), List.of(),
                honest.checkpoints()));
        assertThat(report.findings()).extracting(Finding::kind, Finding::sequence)
                .containsExactly(tuple(Kind.BAD_PROOF, 42L));
    }

    @Test
    void aCheckpointThatDoesNotExtendAnotherIsAFork() {
        TestLedger other = new TestLedger();
        other.append(120, "main", 50);
        other.append(180, "rewritten", 300);
        Checkpoint forked = other.checkpointAt(300);
        // both trees share their first 120 entries: from 100 the fork is invisible, from 150 it is not
        ConsistencyProof fromShared = new ConsistencyProof(100, 300, hex(other.tree.proofs().consistency(100, 300)));
        assertThat(verify(bundle(List.of(), List.of(), List.of(fromShared), List.of(ledger.checkpointAt(100),
                forked))).ok()).isTrue();
        ConsistencyProof claimed = new ConsistencyProof(150, 300, hex(other.tree.proofs().consistency(150, 300)));
        VerificationReport report = verify(bundle(List.of(), List.of(), List.of(claimed),
                List.of(ledger.checkpointAt(150), forked)));
        assertThat(report.findings()).extracting(Finding::kind, Finding::treeSize)
                .containsExactly(tuple(Kind.FORK, 300L));
    }

    @Test
    void aBadlySignedCheckpointBacksNoProof() {
        EvidenceBundle honest = honest();
        Checkpoint good = ledger.checkpointAt(300);
        Checkpoint bad = new Checkpoint(good.origin(), good.treeSize(), good.rootHash(), good.time().plusSeconds(1),
                good.keyId(), good.signature());
        VerificationReport report = verify(bundle(honest.entries(), List.of(inclusion(42, 300)), List.of(),
                List.of(bad)));
        assertThat(report.findings()).extracting(Finding::kind, Finding::treeSize)
                .containsExactly(tuple(Kind.BAD_SIGNATURE, 300L), tuple(Kind.BAD_PROOF, 300L));
    }

    @Test
    void reportsADocumentThatIsNotABundle() {
        VerificationReport report = new BundleVerifier(ledger.ring())
                .verify(new ByteArrayInputStream("[1,2".getBytes()));
        assertThat(report.findings()).extracting(Finding::kind).containsExactly(Kind.MALFORMED);
        assertThat(verify(new EvidenceBundle("something-else/2", TestLedger.ORIGIN, List.of(), List.of(), List.of(),
                List.of())).findings()).extracting(Finding::kind).containsExactly(Kind.MALFORMED);
    }
}
