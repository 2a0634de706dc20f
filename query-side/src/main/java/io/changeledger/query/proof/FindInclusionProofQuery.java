package io.changeledger.query.proof;

import java.util.UUID;

/**
 * The audit path of one entry, named by its sequence or by its event id.
 *
 * @param treeSize null: the size of the latest verified checkpoint
 */
record FindInclusionProofQuery(Long sequence, UUID eventId, Long treeSize) {
}
