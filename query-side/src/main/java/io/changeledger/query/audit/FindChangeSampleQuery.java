package io.changeledger.query.audit;

/** @param seed null: a new one is drawn and answered */
record FindChangeSampleQuery(ChangeFilter filter, String seed, int size) {
}
