package io.changeledger.proof;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every size up to 130 covers each shape of the split (full, one short, one over a power of two) several times. */
class MerkleTreePropertiesTest {

    private static final int MAX_SIZE = 130;

    private static List<Digest> randomLeaves(long seed, int count) {
        Random random = new Random(seed);
        List<Digest> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] entry = new byte[1 + random.nextInt(40)];
            random.nextBytes(entry);
            leaves.add(Hashes.leaf(entry));
        }
        return leaves;
    }

    /** MTH of RFC 9162 section 2.1.1, written from the definition, as the reference the fast paths answer to. */
    private static Digest definitionRoot(List<Digest> leaves) {
        if (leaves.isEmpty()) {
            return Hashes.EMPTY_ROOT;
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return Hashes.node(definitionRoot(leaves.subList(0, k)), definitionRoot(leaves.subList(k, leaves.size())));
    }

    @Test
    void compactMemoryAndProofRootsAgreeWithTheDefinitionForEverySize() {
        List<Digest> leaves = randomLeaves(1, MAX_SIZE);
        MemoryTree memory = new MemoryTree();
        CompactTree compact = new CompactTree();
        for (int size = 1; size <= MAX_SIZE; size++) {
            memory.append(leaves.get(size - 1));
            compact.append(leaves.get(size - 1));
            Digest expected = definitionRoot(leaves.subList(0, size));
            assertThat(compact.root()).as("compact root of %d", size).isEqualTo(expected);
            assertThat(memory.root()).as("memory root of %d", size).isEqualTo(expected);
        }
        MerkleProofs proofs = memory.proofs();
        for (int size = 0; size <= MAX_SIZE; size++) {
            assertThat(proofs.root(size)).as("historic root of %d", size)
                    .isEqualTo(definitionRoot(leaves.subList(0, size)));
        }
    }

    @Test
    void appendNamesTheSubtreesItCompletes() {
        List<Digest> leaves = randomLeaves(2, 8);
        CompactTree compact = new CompactTree();
        List<Node> completed = new ArrayList<>();
        for (Digest leaf : leaves) {
            completed.addAll(compact.append(leaf));
        }
        assertThat(completed).extracting(Node::level, Node::index).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 0L), org.assertj.core.groups.Tuple.tuple(1, 1L),
                org.assertj.core.groups.Tuple.tuple(2, 0L), org.assertj.core.groups.Tuple.tuple(1, 2L),
                org.assertj.core.groups.Tuple.tuple(1, 3L), org.assertj.core.groups.Tuple.tuple(2, 1L),
                org.assertj.core.groups.Tuple.tuple(3, 0L));
        assertThat(completed.get(completed.size() - 1).hash()).isEqualTo(definitionRoot(leaves));
    }

    @Test
    void aRestoredCompactTreeHasTheSameRootAndAppendsIdentically() {
        List<Digest> leaves = randomLeaves(3, MAX_SIZE + 10);
        MemoryTree memory = new MemoryTree();
        for (int size = 0; size <= MAX_SIZE; size++) {
            CompactTree restored = CompactTree.restore(size, memory);
            assertThat(restored.size()).isEqualTo(size);
            assertThat(restored.root()).as("restored root of %d", size).isEqualTo(memory.root());
            CompactTree copy = restored.copy();
            for (int extra = 0; extra < 10; extra++) {
                restored.append(leaves.get(size + extra));
            }
            assertThat(restored.root()).as("restored %d plus 10", size)
                    .isEqualTo(definitionRoot(leaves.subList(0, size + 10)));
            assertThat(copy.size()).as("a copy does not follow its original").isEqualTo(size);
            memory.append(leaves.get(size));
        }
    }

    @Test
    void everyInclusionProofVerifiesAndNoneForAnotherSizeOrRoot() {
        List<Digest> leaves = randomLeaves(4, MAX_SIZE);
        MemoryTree memory = new MemoryTree();
        leaves.forEach(memory::append);
        MerkleProofs proofs = memory.proofs();
        for (int size = 1; size <= MAX_SIZE; size++) {
            Digest root = proofs.root(size);
            Digest otherRoot = proofs.root(size == 1 ? 2 : size - 1);
            for (int index = 0; index < size; index++) {
                List<Digest> path = proofs.inclusion(index, size);
                assertThat(ProofVerifier.verifyInclusion(index, size, leaves.get(index), path, root))
                        .as("leaf %d in %d", index, size).isTrue();
                assertThat(ProofVerifier.verifyInclusion(index, size, leaves.get(index), path, otherRoot))
                        .as("leaf %d in %d against another root", index, size).isFalse();
                if (size < MAX_SIZE) {
                    assertThat(ProofVerifier.verifyInclusion(index, size + 1, leaves.get(index), path,
                            proofs.root(size + 1)))
                            .as("leaf %d's path of %d for size %d", index, size, size + 1).isFalse();
                }
                Digest otherLeaf = leaves.get((index + 1) % MAX_SIZE);
                assertThat(ProofVerifier.verifyInclusion(index, size, otherLeaf, path, root))
                        .as("another leaf at %d in %d", index, size).isFalse();
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndNoneForAnotherSizeOrRoot() {
        List<Digest> leaves = randomLeaves(5, MAX_SIZE);
        MemoryTree memory = new MemoryTree();
        leaves.forEach(memory::append);
        MerkleProofs proofs = memory.proofs();
        for (int n = 1; n <= MAX_SIZE; n++) {
            Digest second = proofs.root(n);
            for (int m = 0; m <= n; m++) {
                Digest first = proofs.root(m);
                List<Digest> proof = proofs.consistency(m, n);
                assertThat(ProofVerifier.verifyConsistency(m, n, first, second, proof))
                        .as("%d to %d", m, n).isTrue();
                if (m > 0 && m < n) {
                    assertThat(ProofVerifier.verifyConsistency(m, n, proofs.root(m - 1 == 0 ? m + 1 : m - 1),
                            second, proof)).as("%d to %d from another first root", m, n).isFalse();
                    assertThat(ProofVerifier.verifyConsistency(m, n, first, proofs.root(n - 1), proof))
                            .as("%d to %d to another second root", m, n).isFalse();
                    if (n < MAX_SIZE) {
                        assertThat(ProofVerifier.verifyConsistency(m, n + 1, first, proofs.root(n + 1), proof))
                                .as("%d to %d's proof for %d", m, n, n + 1).isFalse();
                    }
                }
            }
        }
    }
}
