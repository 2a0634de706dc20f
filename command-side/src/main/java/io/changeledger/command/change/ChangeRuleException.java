package io.changeledger.command.change;

/**
 * A command broke a hard rule of the change lifecycle (self-approval, approving twice, completing a change that
 * never started …). Nothing was recorded; the API answers 409 with the message as the problem's detail.
 */
public class ChangeRuleException extends RuntimeException {

    public ChangeRuleException(String message) {
        super(message);
    }
}
