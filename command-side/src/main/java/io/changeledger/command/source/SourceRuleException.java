package io.changeledger.command.source;

/** A command on a source broke a rule (registering a name twice, changing a disabled source); nothing changed. */
public class SourceRuleException extends RuntimeException {

    SourceRuleException(String message) {
        super(message);
    }
}
