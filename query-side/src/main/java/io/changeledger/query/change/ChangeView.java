package io.changeledger.query.change;

import java.time.Instant;
import java.util.UUID;

/** A production change as the query API shows it. */
public record ChangeView(
        String id,
        String kind,
        String service,
        String environment,
        String version,
        String artifactDigest,
        String actor,
        String ticket,
        String sourceSystem,
        Instant occurredAt,
        Instant recordedAt,
        UUID eventId,
        long globalSequence) {
}
