package io.changeledger.events.change;

/**
 * The change-management controls the ledger evaluates on every change (SOC 2 CC8.1, ISO 27001:2022 A.8.32,
 * SOX ITGC change management). Which framework clause each evidences is versioned mapping data, not code.
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
    STAGING_BEFORE_PRODUCTION
}
