package io.changeledger.query.audit;

/** @param after the last change of the previous page; null for the first */
record FindChangePopulationQuery(ChangeFilter filter, Cursor after, int limit) {
}
