package io.changeledger.query.source;

import java.time.Instant;
import java.util.UUID;

/**
 * The ledger received event {@code receivedSequence} of a source while it expected {@code expectedSequence}: the
 * {@code missingCount} events from the expected one up to the one before the received one never arrived (or have
 * not yet).
 *
 * @param detectedAt when the ledger noticed; {@code recordedAt} is when it stored that
 */
record SourceGapView(String source, long expectedSequence, long receivedSequence, long missingCount,
                     Instant detectedAt, Instant recordedAt, UUID eventId, long globalSequence) {
}
