package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A role assignment that exists in an IAM system, recorded as a fact: it holds from {@code occurredAt} until it
 * is removed, without a window of its own.
 *
 * @param sourceSystem the IAM system the assignment lives in
 * @param assignedBy   who made the assignment there, if the IAM system says
 * @param approvedBy   who approved it, if anyone did; an assignment nobody else approved is a violation
 */
@Revision("1")
public record StandingAccessGranted(
        String grantId,
        String principal,
        String system,
        String resource,
        String role,
        boolean privileged,
        String sourceSystem,
        String assignedBy,
        String approvedBy,
        AccessPolicy policy,
        Instant occurredAt) implements AccessEvent {

    public StandingAccessGranted {
        Require.text(grantId, "grantId");
        Require.text(principal, "principal");
        Require.text(system, "system");
        Require.text(role, "role");
        Require.text(sourceSystem, "sourceSystem");
        Require.present(policy, "policy");
        Require.present(occurredAt, "occurredAt");
    }
}
