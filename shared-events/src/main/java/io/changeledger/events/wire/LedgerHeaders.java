package io.changeledger.events.wire;

/** Names of the Kafka headers every ledger record carries; values are UTF-8 text. */
public final class LedgerHeaders {

    public static final String EVENT_ID = "event-id";
    public static final String EVENT_TYPE = "event-type";
    public static final String EVENT_REVISION = "event-revision";
    public static final String OCCURRED_AT = "occurred-at";
    public static final String RECORDED_AT = "recorded-at";
    public static final String GLOBAL_SEQUENCE = "global-sequence";
    public static final String CONTENT_TYPE = "content-type";
    /** The event's dense position in the ledger's Merkle tree: 0, 1, 2, ... */
    public static final String LEDGER_SEQUENCE = "ledger-sequence";
    /** Hexadecimal SHA-256 of 0x00 and the RFC 8785 form of the envelope: the event's leaf in the tree. */
    public static final String LEAF_HASH = "leaf-hash";

    public static final String JSON = "application/json";

    private LedgerHeaders() {
    }
}
