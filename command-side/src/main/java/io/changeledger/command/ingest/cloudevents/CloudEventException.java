package io.changeledger.command.ingest.cloudevents;

/**
 * A message that is not a CloudEvent the ledger can read, or a CloudEvent the ledger cannot record: the reason
 * names what is wrong, so the sender can fix it. Sending the same message again can never help.
 */
public final class CloudEventException extends RuntimeException {

    private final String attribute;

    CloudEventException(String reason) {
        this(null, reason);
    }

    /**
     * No stack trace: the exception is an answer to the sender, thrown for every bad message that arrives, and the
     * trace of the parser would tell nobody anything.
     */
    CloudEventException(String attribute, String reason) {
        super(reason, null, false, false);
        this.attribute = attribute;
    }

    /** Why the message was refused, for a problem's detail or a dead-letter header. */
    public String reason() {
        return getMessage();
    }

    /**
     * @return the attribute, header or field at fault (such as {@code source}, {@code ce-time},
     *         {@code data.subject.content.environment}), or null when the message as a whole is at fault
     */
    public String attribute() {
        return attribute;
    }
}
