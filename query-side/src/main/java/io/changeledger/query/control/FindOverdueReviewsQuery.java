package io.changeledger.query.control;

/** Open retrospective reviews past their deadline, the longest overdue first; the filters are optional. */
record FindOverdueReviewsQuery(String service, String environment, int page, int size) {
}
