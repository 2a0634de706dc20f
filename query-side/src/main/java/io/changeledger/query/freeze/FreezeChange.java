package io.changeledger.query.freeze;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.query.change.ChangeStatus;

import java.time.Instant;

/**
 * A change that touched production, in the freeze's scope, while the freeze was in effect.
 *
 * @param actor                   the requester, or the actor who reported the change after the fact
 * @param executionStart          when it started, or finished if the ledger only knows that
 * @param executionEnd            when it finished, or started if it has not finished
 * @param freezeExceptionApproved an approval of the change explicitly allowed it during a freeze
 * @param freezeViolationRecorded the ledger recorded a CHANGE_FREEZE violation for the change
 */
record FreezeChange(String changeId, ChangeKind kind, ChangeStatus status, String service, String environment,
                    String version, String actor, boolean emergency, Instant executionStart, Instant executionEnd,
                    boolean freezeExceptionApproved, boolean freezeViolationRecorded) {
}
