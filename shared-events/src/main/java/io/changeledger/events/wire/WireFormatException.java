package io.changeledger.events.wire;

/** A Kafka record that does not follow the ledger's wire contract; the message says which part is wrong. */
public class WireFormatException extends RuntimeException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
