package io.changeledger.query.incident;

record FindIncidentQuery(String incidentId) {
}
