package io.changeledger.command.ingest.webhook;

/**
 * A verified delivery lacks a field the ledger needs, or has it in a shape the vendor does not send; answered 422,
 * since sending the same payload again cannot help.
 *
 * @see Payload
 */
class InvalidPayloadException extends RuntimeException {

    private final String field;

    InvalidPayloadException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    /** The field as the vendor names it, dotted from the payload's root. */
    String field() {
        return field;
    }

    /** What is wrong with the field, without its name. */
    String problem() {
        return getMessage().substring(field.length() + 1);
    }
}
