package io.changeledger.events.access;

import io.changeledger.events.Require;

import java.time.Duration;

/**
 * The access policy in force for one grant when it entered the ledger. Like a change's policy it travels with
 * the grant, so a grant is judged by the rules of its day.
 *
 * @param requiredApprovals approvals by people other than the principal and the requester before a grant
 * @param maxDuration       the longest window a requested grant may have
 * @param breakGlassMaxDuration the longest window of break-glass access
 * @param reviewDeadline    how long after break-glass access its mandatory review may take
 * @param reviewInterval    how often standing privileged access must be certified by a review
 */
public record AccessPolicy(int requiredApprovals, Duration maxDuration, Duration breakGlassMaxDuration,
                           Duration reviewDeadline, Duration reviewInterval) {

    public AccessPolicy {
        if (requiredApprovals < 0) {
            throw new IllegalArgumentException("requiredApprovals must be zero or more");
        }
        Require.present(maxDuration, "maxDuration");
        Require.present(breakGlassMaxDuration, "breakGlassMaxDuration");
        Require.present(reviewDeadline, "reviewDeadline");
        Require.present(reviewInterval, "reviewInterval");
    }
}
