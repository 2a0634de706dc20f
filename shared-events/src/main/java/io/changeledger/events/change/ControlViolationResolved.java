package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Someone accountable accepted or remediated a violation; the violation itself stays on the ledger. */
@Revision("1")
public record ControlViolationResolved(String changeId, String violationId, String resolvedBy, String resolution, Instant occurredAt) implements ChangeEvent {

    public ControlViolationResolved {
        Require.text(changeId, "changeId");
        Require.text(violationId, "violationId");
        Require.text(resolvedBy, "resolvedBy");
        Require.text(resolution, "resolution");
        Require.present(occurredAt, "occurredAt");
    }
}
