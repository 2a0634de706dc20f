package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A change broke a control that is flagged rather than enforced: the violation is itself a fact on the ledger,
 * counted by reports and never edited.
 *
 * @param violationId unique within the change
 * @param reference   what the violation refers to, such as the id of the freeze
 */
@Revision("1")
public record ControlViolationDetected(String changeId, String violationId, Control control, String detail, String reference, Instant occurredAt) implements ChangeEvent {

    public ControlViolationDetected {
        Require.text(changeId, "changeId");
        Require.text(violationId, "violationId");
        Require.present(control, "control");
        Require.text(detail, "detail");
        Require.present(occurredAt, "occurredAt");
    }
}
