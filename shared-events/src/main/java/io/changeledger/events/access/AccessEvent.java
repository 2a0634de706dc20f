package io.changeledger.events.access;

import io.changeledger.events.LedgerEvent;

/**
 * The stream of grants of access to production; its aggregate is one grant, keyed by grant id. A grant is
 * requested and approved (or denied), granted for a window, used, and revoked early or expired; break-glass
 * access is granted at once and reviewed afterwards; standing access imported from an IAM system is granted
 * and removed as facts.
 */
public sealed interface AccessEvent extends LedgerEvent permits AccessRequested, AccessApproved, AccessDenied,
        AccessGranted, AccessUsed, AccessRevoked, AccessExpired, StandingAccessGranted, StandingAccessRemoved,
        AccessCertified, BreakGlassReviewOpened, BreakGlassReviewCompleted, BreakGlassReviewOverdue,
        AccessViolationDetected {

    String grantId();

    @Override
    default String aggregateId() {
        return grantId();
    }
}
