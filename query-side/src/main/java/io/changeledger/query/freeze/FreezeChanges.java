package io.changeledger.query.freeze;

import java.util.List;

/** One page of the changes made during a freeze, in the order they started. */
record FreezeChanges(FreezeView freeze, List<FreezeChange> items, int page, int size, long totalItems) {
}
