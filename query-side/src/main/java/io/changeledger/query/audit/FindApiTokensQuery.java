package io.changeledger.query.audit;

import java.time.Instant;

/**
 * The API tokens of both sides as the ledger recorded them, oldest first; every filter is optional.
 *
 * @param api      {@code command-side} or {@code query-side}
 * @param name     whose token, as named when it was issued
 * @param activeAt only tokens that worked at this moment: issued before, neither expired nor revoked yet
 */
record FindApiTokensQuery(String api, String name, Instant activeAt) {
}
