package io.changeledger.query.proof;

import java.util.List;

/** RFC 9162's proof that the tree of {@code toSize} leaves extends the one of {@code fromSize} leaves. */
record ConsistencyProof(long fromSize, long toSize, String fromRoot, String toRoot, List<String> path) {
}
