package io.changeledger.events.change;

import java.time.Duration;
import java.util.Objects;

/**
 * The policy in force for one change when it entered the ledger. It travels with the change, so the
 * controls of an old change are judged by the rules of its day, and an auditor sees which rules those were.
 *
 * @param production          whether the environment counts as production
 * @param requiredApprovals   approvals needed before the change starts (0: none)
 * @param segregationOfDuties whether requester, approver and deployer must be different people
 * @param stagingRequired     whether the version must have been deployed to staging first
 * @param reviewDeadline      how long after an emergency change its retrospective review may take
 */
public record ControlPolicy(boolean production, int requiredApprovals, boolean segregationOfDuties,
                            boolean stagingRequired, Duration reviewDeadline) {

    public ControlPolicy {
        if (requiredApprovals < 0) {
            throw new IllegalArgumentException("requiredApprovals must be zero or more");
        }
        Objects.requireNonNull(reviewDeadline, "reviewDeadline");
    }
}
