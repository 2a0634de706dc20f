package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Evidence was linked to a change, at any step of its life. */
@Revision("1")
public record EvidenceAttached(String changeId, EvidenceLink evidence, String attachedBy, Instant occurredAt) implements ChangeEvent {

    public EvidenceAttached {
        Require.text(changeId, "changeId");
        Require.present(evidence, "evidence");
        Require.text(attachedBy, "attachedBy");
        Require.present(occurredAt, "occurredAt");
    }
}
