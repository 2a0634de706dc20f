package io.changeledger.query.access;

/**
 * Anomalies by type, then by the instant each is about.
 *
 * @param type null for every type
 * @param days how long standing privileged access may go without a certification
 */
record FindAccessAnomaliesQuery(AnomalyType type, String system, int days, int page, int size) {
}
