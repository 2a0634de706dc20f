package io.changeledger.query.access;

/** Access reviews, the latest started first; the system is optional. */
record FindAccessReviewsQuery(String system, int page, int size) {
}
