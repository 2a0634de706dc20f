package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import io.changeledger.proof.format.ConsistencyProof;
import io.changeledger.proof.verify.Finding.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ConsistencyCheckerTest {

    private final TestLedger ledger = TestLedger.of(300, 50);
    private final ConsistencyChecker checker = new ConsistencyChecker(ledger.ring());

    private ConsistencyProof proof(TestLedger from, long m, long n) {
        return new ConsistencyProof(m, n, from.tree.proofs().consistency(m, n).stream().map(Digest::hex).toList());
    }

    @Test
    void acceptsANewCheckpointThatExtendsTheSavedOne() {
        VerificationReport report = checker.check(ledger.checkpointAt(100), ledger.checkpointAt(300),
                proof(ledger, 100, 300));
        assertThat(report.ok()).isTrue();
        assertThat(checker.check(ledger.checkpointAt(300), ledger.checkpointAt(300),
                new ConsistencyProof(300, 300, List.of())).ok()).isTrue();
    }

    @Test
    void reportsARewrittenHistoryAsAFork() {
        TestLedger other = new TestLedger();
        other.append(120, "main", 300);
        other.append(180, "rewritten", 300);
        VerificationReport report = checker.check(ledger.checkpointAt(150), other.checkpointAt(300),
                proof(other, 150, 300));
        assertThat(report.findings()).extracting(Finding::kind, Finding::treeSize)
                .containsExactly(tuple(Kind.FORK, 300L));
    }

    @Test
    void reportsTwoRootsForTheSameSizeAsAFork() {
        TestLedger other = new TestLedger();
        other.append(300, "other", 300);
        assertThat(checker.check(ledger.checkpointAt(300), other.checkpointAt(300),
                new ConsistencyProof(300, 300, List.of())).findings())
                .extracting(Finding::kind).containsExactly(Kind.FORK);
    }

    @Test
    void reportsASmallerNewTreeAsARollback() {
        VerificationReport report = checker.check(ledger.checkpointAt(300), ledger.checkpointAt(200),
                proof(ledger, 200, 300));
        assertThat(report.findings()).extracting(Finding::kind, Finding::treeSize)
                .containsExactly(tuple(Kind.TRUNCATED, 200L));
    }

    @Test
    void reportsABadSignatureOnEitherSide() {
        Checkpoint good = ledger.checkpointAt(300);
        Checkpoint forged = new Checkpoint(good.origin(), 301, good.rootHash(), good.time(), good.keyId(),
                good.signature());
        VerificationReport report = checker.check(ledger.checkpointAt(100), forged, proof(ledger, 100, 300));
        assertThat(report.findings()).extracting(Finding::kind)
                .containsExactly(Kind.BAD_SIGNATURE, Kind.BAD_PROOF);
    }

    @Test
    void reportsAProofOfOtherSizes() {
        VerificationReport report = checker.check(ledger.checkpointAt(100), ledger.checkpointAt(300),
                proof(ledger, 50, 300));
        assertThat(report.findings()).extracting(Finding::kind).containsExactly(Kind.BAD_PROOF);
    }

    @Test
    void describesAFindingOnOneLine() {
        assertThat(new Finding(Kind.MODIFIED, 42L, null, "changed").describe()).isEqualTo("MODIFIED sequence 42: changed");
        assertThat(new Finding(Kind.FORK, null, 150L, "two roots").describe()).isEqualTo("FORK tree size 150: two roots");
        assertThat(new Finding(Kind.ROOT_MISMATCH, 100L, 150L, "x").describe())
                .isEqualTo("ROOT_MISMATCH sequence 100, tree size 150: x");
    }
}
