package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Someone other than the principal and the requester approved the request. */
@Revision("1")
public record AccessApproved(String grantId, String approver, String reason, Instant occurredAt) implements AccessEvent {

    public AccessApproved {
        Require.text(grantId, "grantId");
        Require.text(approver, "approver");
        Require.present(occurredAt, "occurredAt");
    }
}
