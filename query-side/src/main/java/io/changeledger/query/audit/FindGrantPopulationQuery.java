package io.changeledger.query.audit;

/** @param after the last grant of the previous page; null for the first */
record FindGrantPopulationQuery(GrantFilter filter, Cursor after, int limit) {
}
