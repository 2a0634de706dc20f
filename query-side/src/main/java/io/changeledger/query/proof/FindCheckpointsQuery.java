package io.changeledger.query.proof;

/** Checkpoints, the latest signed first; {@code status} optional. */
record FindCheckpointsQuery(CheckpointStatus status, int page, int size) {
}
