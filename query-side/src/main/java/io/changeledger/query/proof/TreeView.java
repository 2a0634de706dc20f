package io.changeledger.query.proof;

import java.time.Instant;

/**
 * The local tree over the entries held without a gap from sequence zero.
 *
 * @param latestCheckpoint the checkpoint of the largest size received, whatever its status; absent if none
 */
record TreeView(long size, String rootHash, Instant updatedAt, CheckpointView latestCheckpoint) {
}
