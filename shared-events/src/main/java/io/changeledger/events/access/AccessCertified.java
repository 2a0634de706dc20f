package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An access review kept the grant: the reviewer certified that the principal still needs it. */
@Revision("1")
public record AccessCertified(String grantId, String reviewId, String reviewer, String notes,
                              Instant occurredAt) implements AccessEvent {

    public AccessCertified {
        Require.text(grantId, "grantId");
        Require.text(reviewId, "reviewId");
        Require.text(reviewer, "reviewer");
        Require.present(occurredAt, "occurredAt");
    }
}
