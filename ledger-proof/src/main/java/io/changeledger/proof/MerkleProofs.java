package io.changeledger.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * Roots and proofs of RFC 9162 section 2.1, for any tree size up to what the source holds, from stored complete
 * subtrees: every hash a proof needs is a complete subtree or a right edge made of O(log n) of them, so nothing
 * is rebuilt from the leaves.
 */
public final class MerkleProofs {

    private final NodeSource nodes;

    public MerkleProofs(NodeSource nodes) {
        this.nodes = nodes;
    }

    /** MTH(D[0:size]). */
    public Digest root(long size) {
        requireSize(size);
        return size == 0 ? Hashes.EMPTY_ROOT : hash(0, size);
    }

    /** PATH(index, D[0:size]): the audit path of a leaf, bottom-up, as RFC 9162 section 2.1.3.1 orders it. */
    public List<Digest> inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<Digest> path = new ArrayList<>();
        path(index, 0, size, path);
        return path;
    }

    /** PROOF(first, D[0:second]) of RFC 9162 section 2.1.4.1. */
    public List<Digest> consistency(long first, long second) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from size " + first + " to size " + second);
        }
        List<Digest> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(first, 0, second, true, proof);
        }
        return proof;
    }

    private void path(long index, long start, long end, List<Digest> path) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (index - start < k) {
            path(index, start, start + k, path);
            path.add(hash(start + k, end));
        } else {
            path(index, start + k, end, path);
            path.add(hash(start, start + k));
        }
    }

    private void subproof(long m, long start, long end, boolean startsAtOldRoot, List<Digest> proof) {
        long n = end - start;
        if (m == n) {
            if (!startsAtOldRoot) {
                proof.add(hash(start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, startsAtOldRoot, proof);
            proof.add(hash(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, proof);
            proof.add(hash(start, start + k));
        }
    }

    /** MTH(D[start:end]); start is always a multiple of the largest power of two not above end - start. */
    private Digest hash(long start, long end) {
        long n = end - start;
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return nodes.node(level, start >> level);
        }
        long k = largestPowerOfTwoBelow(n);
        return Hashes.node(hash(start, start + k), hash(start + k, end));
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void requireSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree has no negative size: " + size);
        }
    }
}
