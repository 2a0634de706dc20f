package io.changeledger.query.audit;

/** @param seed null: a new one is drawn and answered */
record FindGrantSampleQuery(GrantFilter filter, String seed, int size) {
}
