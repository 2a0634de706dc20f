package io.changeledger.query.proof;

import io.changeledger.proof.Checkpoint;

import java.time.Instant;

/**
 * A signed checkpoint as received, with what this side made of it. The first six fields are the checkpoint as
 * signed ({@code io.changeledger.proof.Checkpoint}), enough to check its signature without this server.
 *
 * @param checkedAt when the checkpoint was compared with the local tree; absent while PENDING
 */
record CheckpointView(String origin, long treeSize, String rootHash, Instant time, String keyId, String signature,
                      CheckpointStatus status, Instant receivedAt, Instant checkedAt) {

    Checkpoint signed() {
        return new Checkpoint(origin, treeSize, rootHash, time, keyId, signature);
    }
}
