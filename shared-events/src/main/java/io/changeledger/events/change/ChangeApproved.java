package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An approver agreed to a change before it started.
 *
 * @param freezeException the approval explicitly allows the change during a change freeze
 */
@Revision("1")
public record ChangeApproved(String changeId, String approver, String reason, boolean freezeException, Instant occurredAt) implements ChangeEvent {

    public ChangeApproved {
        Require.text(changeId, "changeId");
        Require.text(approver, "approver");
        Require.present(occurredAt, "occurredAt");
    }
}
