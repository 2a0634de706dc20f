package io.changeledger.command.incident;

/**
 * A command broke a hard rule of an incident (resolving it before it was reported …). Nothing was recorded; the
 * API answers 409 with the message as the problem's detail.
 */
public class IncidentRuleException extends RuntimeException {

    IncidentRuleException(String message) {
        super(message);
    }
}
