package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/**
 * Someone asked for access to a production system. Break-glass access is requested and granted at once.
 *
 * @param principal         who is to hold the access (a person or a workload identity)
 * @param system            the production system, named as changes name their service
 * @param resource          a narrower resource within the system, if any (a database, a namespace)
 * @param privileged        whether the role is privileged (administrative, or able to read personal data)
 * @param requestedBy       who asked; the principal unless someone asked on their behalf
 * @param changeId          the production change the access is for, if any
 * @param incidentId        the incident the access is for, if any
 */
@Revision("1")
public record AccessRequested(
        String grantId,
        String principal,
        String system,
        String resource,
        String role,
        boolean privileged,
        boolean breakGlass,
        String justification,
        Duration requestedDuration,
        String changeId,
        String incidentId,
        String requestedBy,
        String sourceSystem,
        AccessPolicy policy,
        Instant occurredAt) implements AccessEvent {

    public AccessRequested {
        Require.text(grantId, "grantId");
        Require.text(principal, "principal");
        Require.text(system, "system");
        Require.text(role, "role");
        Require.text(justification, "justification");
        Require.present(requestedDuration, "requestedDuration");
        Require.text(requestedBy, "requestedBy");
        Require.text(sourceSystem, "sourceSystem");
        Require.present(policy, "policy");
        Require.present(occurredAt, "occurredAt");
    }
}
