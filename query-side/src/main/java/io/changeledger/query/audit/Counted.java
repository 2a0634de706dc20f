package io.changeledger.query.audit;

/** An answer that knows how many rows it holds, for the record of the request that asked for it. */
interface Counted {

    int rowCount();
}
