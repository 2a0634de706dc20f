package io.changeledger.events.source;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/**
 * A source numbers its events, and the ledger received number {@code receivedSequence} while it expected
 * {@code expectedSequence}: the events numbered from the expected one up to the one before the received one never
 * arrived (or have not yet). A missing event is as bad as a forged one, so the gap itself is on the ledger.
 */
@Revision("1")
public record SourceGapDetected(String sourceName, long expectedSequence, long receivedSequence, Instant occurredAt)
        implements SourceEvent {

    public SourceGapDetected {
        Require.text(sourceName, "sourceName");
        if (receivedSequence <= expectedSequence) {
            throw new IllegalArgumentException("a gap needs receivedSequence after expectedSequence");
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public long missingCount() {
        return receivedSequence - expectedSequence;
    }
}
