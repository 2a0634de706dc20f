package io.changeledger.proof;

import java.util.ArrayList;
import java.util.List;

/** The verification algorithms of RFC 9162 sections 2.1.3.2 and 2.1.4.2: no tree needed, only hashes. */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /** @return the root that the path leads to from the leaf, or null if the path cannot belong to such a tree */
    public static Digest rootFromInclusion(long index, long size, Digest leaf, List<Digest> path) {
        if (index < 0 || index >= size) {
            return null;
        }
        long fn = index;
        long sn = size - 1;
        Digest r = leaf;
        for (Digest p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Hashes.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = Hashes.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    public static boolean verifyInclusion(long index, long size, Digest leaf, List<Digest> path, Digest root) {
        return root.equals(rootFromInclusion(index, size, leaf, path));
    }

    /**
     * @return whether the tree of {@code second} leaves with {@code secondRoot} extends the one of {@code first}
     *         leaves with {@code firstRoot}, by the proof
     */
    public static boolean verifyConsistency(long first, long second, Digest firstRoot, Digest secondRoot,
                                            List<Digest> proof) {
        if (first < 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && firstRoot.equals(secondRoot);
        }
        if (first == 0) {
            return proof.isEmpty() && firstRoot.equals(Hashes.EMPTY_ROOT);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<Digest> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(first) == 1) {
            path.add(firstRoot);
        }
        path.addAll(proof);
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        Digest fr = path.get(0);
        Digest sr = path.get(0);
        for (Digest c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Hashes.node(c, fr);
                sr = Hashes.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = Hashes.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
    }
}
