package io.changeledger.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One page of a population in its stable order.
 *
 * @param totalItems the whole population under the same filters
 * @param next       the cursor of the next page; absent on the last
 */
record CursorPage<T>(List<T> items, int limit, long totalItems,
                     @JsonInclude(JsonInclude.Include.ALWAYS) String next) implements Counted {

    @Override
    public int rowCount() {
        return items.size();
    }
}
