package io.changeledger.query.proof;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's place in the ledger.
 *
 * @param entry  the RFC 8785 canonical JSON the leaf commits to, byte for byte as hashed
 * @param inTree false while an earlier sequence is missing, so that the tree cannot reach this one yet
 */
record EntryView(long sequence, UUID eventId, String leafHash, @JsonRawValue String entry, boolean inTree,
                 Instant receivedAt) {
}
