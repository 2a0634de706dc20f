package io.changeledger.query.proof;

import java.util.List;
import java.util.UUID;

/**
 * Some events' entries with their inclusion proofs to a verified checkpoint, and proofs that it extends earlier
 * verified checkpoints.
 *
 * @param treeSize null: the size of the latest verified checkpoint
 * @param since    the sizes of the earlier checkpoints; may be empty
 */
record FindEvidenceBundleQuery(List<UUID> eventIds, Long treeSize, List<Long> since) {
}
