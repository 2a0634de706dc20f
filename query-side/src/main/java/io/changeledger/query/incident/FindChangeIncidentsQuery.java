package io.changeledger.query.incident;

/** The incidents whose reporter named the change as their cause, the latest reported first. */
record FindChangeIncidentsQuery(String changeId, int page, int size) {
}
