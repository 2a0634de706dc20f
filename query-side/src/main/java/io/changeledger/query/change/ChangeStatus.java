package io.changeledger.query.change;

/** Where a change is in its lifecycle, as the read model derives it from the change's events. */
public enum ChangeStatus { REQUESTED, APPROVED, REJECTED, IN_PROGRESS, COMPLETED, FAILED, ROLLED_BACK }
