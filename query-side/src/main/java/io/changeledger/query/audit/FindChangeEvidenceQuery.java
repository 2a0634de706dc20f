package io.changeledger.query.audit;

record FindChangeEvidenceQuery(String changeId) {
}
