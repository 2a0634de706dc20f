package io.changeledger.proof;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 6962 / RFC 9162 reference tree that Certificate Transparency implementations share (values as published
 * in transparency-dev/merkle's testonly data and proof tests). A tree that agrees with only itself proves nothing
 * to an auditor running someone else's verifier.
 */
class PublishedMerkleVectorsTest {

    private static final String[] INPUTS = {
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

    /** Index i is the root of the tree of the first i leaves. */
    private static final String[] ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    /** The published leaf hashes (level 0 of the reference tree). */
    private static final String[] LEAF_HASHES = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"};

    private record Inclusion(long index, long size, List<String> path) {
    }

    private record Consistency(long first, long second, List<String> proof) {
    }

    private static final List<Inclusion> INCLUSIONS = List.of(
            new Inclusion(0, 1, List.of()),
            new Inclusion(0, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Inclusion(5, 8, List.of(
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Inclusion(2, 3, List.of(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new Inclusion(1, 5, List.of(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    private static final List<Consistency> CONSISTENCIES = List.of(
            new Consistency(1, 1, List.of()),
            new Consistency(1, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Consistency(6, 8, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Consistency(2, 5, List.of(
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new Consistency(6, 7, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    private static final Digest SOME_HASH =
            Digest.fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");

    private static MemoryTree referenceTree() {
        MemoryTree tree = new MemoryTree();
        for (String input : INPUTS) {
            tree.append(Hashes.leaf(HexFormat.of().parseHex(input)));
        }
        return tree;
    }

    private static List<Digest> digests(List<String> hex) {
        return hex.stream().map(Digest::fromHex).toList();
    }

    private static Digest root(long size) {
        return Digest.fromHex(ROOTS[(int) size]);
    }

    private static Digest leaf(long index) {
        return Digest.fromHex(LEAF_HASHES[(int) index]);
    }

    @Test
    void hashesTheReferenceLeavesWithTheLeafPrefix() {
        for (int i = 0; i < INPUTS.length; i++) {
            assertThat(Hashes.leaf(HexFormat.of().parseHex(INPUTS[i])).hex()).isEqualTo(LEAF_HASHES[i]);
        }
    }

    @Test
    void theEmptyTreeHasTheHashOfNothingAsItsRoot() {
        assertThat(Hashes.EMPTY_ROOT.hex()).isEqualTo(ROOTS[0]);
        assertThat(new CompactTree().root()).isEqualTo(Hashes.EMPTY_ROOT);
        assertThat(new MemoryTree().proofs().root(0)).isEqualTo(Hashes.EMPTY_ROOT);
    }

    @Test
    void computesTheRootsOfThePublishedTestVectors() {
        MemoryTree tree = referenceTree();
        CompactTree compact = new CompactTree();
        for (int size = 1; size <= INPUTS.length; size++) {
            compact.append(tree.leaf(size - 1));
            assertThat(compact.root().hex()).as("compact root of size %d", size).isEqualTo(ROOTS[size]);
            assertThat(tree.proofs().root(size).hex()).as("root of size %d", size).isEqualTo(ROOTS[size]);
        }
        assertThat(tree.root().hex()).isEqualTo(ROOTS[8]);
    }

    @Test
    void producesThePublishedInclusionProofs() {
        MerkleProofs proofs = referenceTree().proofs();
        for (Inclusion vector : INCLUSIONS) {
            assertThat(proofs.inclusion(vector.index(), vector.size()))
                    .as("PATH(%d, D[0:%d])", vector.index(), vector.size())
                    .isEqualTo(digests(vector.path()));
        }
    }

    @Test
    void verifiesThePublishedInclusionProofs() {
        for (Inclusion vector : INCLUSIONS) {
            assertThat(ProofVerifier.verifyInclusion(vector.index(), vector.size(), leaf(vector.index()),
                    digests(vector.path()), root(vector.size())))
                    .as("leaf %d in size %d", vector.index(), vector.size())
                    .isTrue();
        }
    }

    @Test
    void refusesCorruptedInclusionProofs() {
        for (Inclusion vector : INCLUSIONS) {
            long index = vector.index();
            long size = vector.size();
            List<Digest> path = digests(vector.path());
            Digest leaf = leaf(index);
            Digest root = root(size);
            List<String> accepted = new ArrayList<>();
            check(accepted, "index - 1", ProofVerifier.verifyInclusion(index - 1, size, leaf, path, root));
            check(accepted, "index + 1", ProofVerifier.verifyInclusion(index + 1, size, leaf, path, root));
            check(accepted, "index ^ 2", ProofVerifier.verifyInclusion(index ^ 2, size, leaf, path, root));
            check(accepted, "size * 2", ProofVerifier.verifyInclusion(index, size * 2, leaf, path, root));
            check(accepted, "size / 2", ProofVerifier.verifyInclusion(index, size / 2, leaf, path, root));
            check(accepted, "wrong leaf", ProofVerifier.verifyInclusion(index, size, SOME_HASH, path, root));
            check(accepted, "empty root",
                    ProofVerifier.verifyInclusion(index, size, leaf, path, Hashes.EMPTY_ROOT));
            check(accepted, "other root", ProofVerifier.verifyInclusion(index, size, leaf, path, SOME_HASH));
            check(accepted, "trailing root", ProofVerifier.verifyInclusion(index, size, leaf, with(path, root), root));
            check(accepted, "preceding root",
                    ProofVerifier.verifyInclusion(index, size, leaf, prepended(root, path), root));
            for (int i = 0; i < path.size(); i++) {
                check(accepted, "flipped bit in path[" + i + "]",
                        ProofVerifier.verifyInclusion(index, size, leaf, flipped(path, i), root));
            }
            if (!path.isEmpty()) {
                check(accepted, "truncated path", ProofVerifier.verifyInclusion(index, size, leaf,
                        path.subList(0, path.size() - 1), root));
            }
            assertThat(accepted).as("corruptions of leaf %d in size %d that verified", index, size).isEmpty();
        }
    }

    @Test
    void producesThePublishedConsistencyProofs() {
        MerkleProofs proofs = referenceTree().proofs();
        for (Consistency vector : CONSISTENCIES) {
            assertThat(proofs.consistency(vector.first(), vector.second()))
                    .as("PROOF(%d, D[0:%d])", vector.first(), vector.second())
                    .isEqualTo(digests(vector.proof()));
        }
    }

    @Test
    void verifiesThePublishedConsistencyProofs() {
        for (Consistency vector : CONSISTENCIES) {
            assertThat(ProofVerifier.verifyConsistency(vector.first(), vector.second(), root(vector.first()),
                    root(vector.second()), digests(vector.proof())))
                    .as("%d to %d", vector.first(), vector.second())
                    .isTrue();
        }
    }

    @Test
    void refusesCorruptedConsistencyProofs() {
        for (Consistency vector : CONSISTENCIES) {
            List<Digest> proof = digests(vector.proof());
            if (proof.isEmpty()) {
                continue;
            }
            long m = vector.first();
            long n = vector.second();
            Digest first = root(m);
            Digest second = root(n);
            List<String> accepted = new ArrayList<>();
            check(accepted, "m - 1", ProofVerifier.verifyConsistency(m - 1, n, first, second, proof));
            check(accepted, "m + 1", ProofVerifier.verifyConsistency(m + 1, n, first, second, proof));
            check(accepted, "m ^ 2", ProofVerifier.verifyConsistency(m ^ 2, n, first, second, proof));
            check(accepted, "n * 2", ProofVerifier.verifyConsistency(m, n * 2, first, second, proof));
            check(accepted, "n / 2", ProofVerifier.verifyConsistency(m, n / 2, first, second, proof));
            check(accepted, "wrong first root", ProofVerifier.verifyConsistency(m, n, SOME_HASH, second, proof));
            check(accepted, "wrong second root", ProofVerifier.verifyConsistency(m, n, first, SOME_HASH, proof));
            check(accepted, "swapped roots", ProofVerifier.verifyConsistency(m, n, second, first, proof));
            check(accepted, "empty proof", ProofVerifier.verifyConsistency(m, n, first, second, List.of()));
            check(accepted, "trailing first root",
                    ProofVerifier.verifyConsistency(m, n, first, second, with(proof, first)));
            check(accepted, "trailing second root",
                    ProofVerifier.verifyConsistency(m, n, first, second, with(proof, second)));
            check(accepted, "preceding first root",
                    ProofVerifier.verifyConsistency(m, n, first, second, prepended(first, proof)));
            check(accepted, "preceding proof[0]",
                    ProofVerifier.verifyConsistency(m, n, first, second, prepended(proof.get(0), proof)));
            check(accepted, "truncated proof", ProofVerifier.verifyConsistency(m, n, first, second,
                    proof.subList(0, proof.size() - 1)));
            for (int i = 0; i < proof.size(); i++) {
                check(accepted, "flipped bit in proof[" + i + "]",
                        ProofVerifier.verifyConsistency(m, n, first, second, flipped(proof, i)));
            }
            assertThat(accepted).as("corruptions of %d to %d that verified", m, n).isEmpty();
        }
    }

    @Test
    void decidesTheTrivialConsistencyCasesAsRfc9162Does() {
        Digest one = root(1);
        assertThat(ProofVerifier.verifyConsistency(0, 0, Hashes.EMPTY_ROOT, Hashes.EMPTY_ROOT, List.of())).isTrue();
        assertThat(ProofVerifier.verifyConsistency(0, 1, Hashes.EMPTY_ROOT, one, List.of())).isTrue();
        assertThat(ProofVerifier.verifyConsistency(1, 1, one, one, List.of())).isTrue();
        assertThat(ProofVerifier.verifyConsistency(1, 1, one, SOME_HASH, List.of())).isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 0, one, Hashes.EMPTY_ROOT, List.of())).isFalse();
        assertThat(ProofVerifier.verifyConsistency(2, 1, root(2), one, List.of())).isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 2, one, root(2), List.of())).isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 1, one, one, List.of(Hashes.EMPTY_ROOT))).isFalse();
    }

    @Test
    void refusesInclusionInTreesThatCannotHoldTheLeaf() {
        assertThat(ProofVerifier.verifyInclusion(0, 0, SOME_HASH, List.of(), Hashes.EMPTY_ROOT)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(1, 0, SOME_HASH, List.of(), SOME_HASH)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(2, 1, SOME_HASH, List.of(), SOME_HASH)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(0, 1, SOME_HASH, List.of(), SOME_HASH)).isTrue();
    }

    private static void check(List<String> accepted, String corruption, boolean verified) {
        if (verified) {
            accepted.add(corruption);
        }
    }

    private static List<Digest> with(List<Digest> path, Digest last) {
        List<Digest> copy = new ArrayList<>(path);
        copy.add(last);
        return copy;
    }

    private static List<Digest> prepended(Digest first, List<Digest> path) {
        List<Digest> copy = new ArrayList<>();
        copy.add(first);
        copy.addAll(path);
        return copy;
    }

    private static List<Digest> flipped(List<Digest> path, int i) {
        List<Digest> copy = new ArrayList<>(path);
        byte[] bytes = copy.get(i).bytes();
        bytes[0] ^= 8;
        copy.set(i, Digest.of(bytes));
        return copy;
    }
}
