package io.changeledger.query.access;

record FindAccessReviewQuery(String reviewId) {
}
