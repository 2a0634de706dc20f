package io.changeledger.query.audit;

record FindGrantEvidenceQuery(String grantId) {
}
