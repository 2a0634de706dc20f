package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An approver refused a change; it may not start. */
@Revision("1")
public record ChangeRejected(String changeId, String approver, String reason, Instant occurredAt) implements ChangeEvent {

    public ChangeRejected {
        Require.text(changeId, "changeId");
        Require.text(approver, "approver");
        Require.text(reason, "reason");
        Require.present(occurredAt, "occurredAt");
    }
}
