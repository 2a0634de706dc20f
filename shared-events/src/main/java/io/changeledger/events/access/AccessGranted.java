package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The principal holds the access from {@code validFrom} until {@code validUntil}, unless revoked earlier.
 *
 * @param grantedBy who or what provisioned the access (a person, or the IAM tooling)
 */
@Revision("1")
public record AccessGranted(String grantId, Instant validFrom, Instant validUntil, String grantedBy,
                            Instant occurredAt) implements AccessEvent {

    public AccessGranted {
        Require.text(grantId, "grantId");
        Require.present(validFrom, "validFrom");
        Require.present(validUntil, "validUntil");
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        Require.text(grantedBy, "grantedBy");
        Require.present(occurredAt, "occurredAt");
    }
}
