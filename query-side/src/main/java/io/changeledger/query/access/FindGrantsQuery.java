package io.changeledger.query.access;

/**
 * Every grant ever, ended ones included, newest request first; every filter is optional.
 *
 * @param status   the status the ledger recorded
 * @param standing only standing access (true) or only requested and break-glass access (false)
 */
record FindGrantsQuery(String system, String principal, String role, AccessStatus status, Boolean breakGlass,
                       Boolean standing, int page, int size) {
}
