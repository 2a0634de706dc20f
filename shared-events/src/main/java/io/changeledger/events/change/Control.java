package io.changeledger.events.change;

/**
 * The controls the ledger evaluates: change management on every change (SOC 2 CC8.1, ISO 27001:2022 A.8.32,
 * SOX ITGC change management) and access control on every grant (SOC 2 CC6.1-CC6.3, ISO 27001:2022 A.5.15,
 * A.5.18, A.8.2). Which framework clause each evidences is versioned mapping data, not code.
 */
public enum Control {
    /** The requester, the approver and the deployer are different people. */
    SEGREGATION_OF_DUTIES,
    /** A production change had the approvals its policy asks for before it started. */
    APPROVAL_BEFORE_DEPLOYMENT,
    /** No change during a freeze without an approved exception. */
    CHANGE_FREEZE,
    /** An emergency change is reviewed retrospectively before its deadline. */
    EMERGENCY_REVIEW,
    /** A version reaches production only after it ran in a staging environment. */
    STAGING_BEFORE_PRODUCTION,
    /** Every grant of access was approved by someone other than the principal and the requester. */
    ACCESS_APPROVAL,
    /** Privileged access is time-bound, or certified by a review at the policy's interval. */
    PRIVILEGED_ACCESS_BOUNDED,
    /** Periodic access reviews are completed by their due date. */
    ACCESS_REVIEW_ON_SCHEDULE,
    /** Break-glass access is reviewed before its deadline. */
    BREAK_GLASS_REVIEW
}
