package io.changeledger.query.source;

import io.changeledger.events.source.SourceKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered ingestion source. Its credentials are never on the ledger, only when they changed.
 *
 * @param registeredAt         when it was registered; {@code recordedAt} is when the ledger stored that
 * @param scopeChangedAt       when its scope or rate last changed, if ever
 * @param credentialsRotatedAt when its credentials were last replaced, if ever
 * @param disabled             its credentials no longer admit anything; what it recorded stays on the ledger
 * @param gapCount             how many sequence gaps the ledger detected in what it sent
 * @param missingEvents        how many of its events those gaps left out, all together
 * @param lastGapAt            when the latest gap was detected
 */
record SourceView(String name, SourceKind kind, Scope scope, int ratePerSecond, String description,
                  String registeredBy, Instant registeredAt, Instant recordedAt, String scopeChangedBy,
                  Instant scopeChangedAt, String credentialsRotatedBy, Instant credentialsRotatedAt,
                  boolean disabled, Instant disabledAt, String disabledBy, String disableReason, long gapCount,
                  long missingEvents, Instant lastGapAt, UUID eventId, long globalSequence) {

    /**
     * What the source may report; an empty list allows everything. A pattern is a name, or a prefix and {@code *}.
     *
     * @param types   ingest item types, such as {@code deployment.recorded} or {@code change.*}
     * @param systems services (changes, incidents) and systems (access)
     */
    record Scope(List<String> types, List<String> systems) {
    }
}
