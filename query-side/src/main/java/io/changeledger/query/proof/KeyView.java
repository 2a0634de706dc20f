package io.changeledger.query.proof;

import java.time.Instant;

/**
 * A key that signed checkpoints this side received.
 *
 * @param publicKey         PEM
 * @param firstCheckpointAt the signed time of its earliest checkpoint
 */
record KeyView(String keyId, String publicKey, Instant firstCheckpointAt, Instant lastCheckpointAt,
               long checkpoints) {
}
