package io.changeledger.events.access;

import io.changeledger.events.Require;
import io.changeledger.events.change.Control;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A grant broke an access control (the change domain's {@code ControlViolationDetected}, for the access
 * stream): a fact on the ledger, counted by reports and never edited.
 *
 * @param violationId unique within the grant
 * @param reference   what the violation refers to, such as the review that found it
 */
@Revision("1")
public record AccessViolationDetected(String grantId, String violationId, Control control, String detail,
                                      String reference, Instant occurredAt) implements AccessEvent {

    public AccessViolationDetected {
        Require.text(grantId, "grantId");
        Require.text(violationId, "violationId");
        Require.present(control, "control");
        Require.text(detail, "detail");
        Require.present(occurredAt, "occurredAt");
    }
}
