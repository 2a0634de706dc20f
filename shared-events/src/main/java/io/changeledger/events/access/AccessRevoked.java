package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The grant ended before its window did.
 *
 * @param reviewId the access review that decided the revocation, if one did
 */
@Revision("1")
public record AccessRevoked(String grantId, String revokedBy, String reason, String reviewId,
                            Instant occurredAt) implements AccessEvent {

    public AccessRevoked {
        Require.text(grantId, "grantId");
        Require.text(revokedBy, "revokedBy");
        Require.present(occurredAt, "occurredAt");
    }
}
