package io.changeledger.command.access;

/**
 * A command broke a hard rule of access (self-approval, granting a denied request, revoking twice, using an
 * expired grant …). Nothing was recorded; the API answers 409 with the message as the problem's detail.
 */
public class AccessRuleException extends RuntimeException {

    AccessRuleException(String message) {
        super(message);
    }
}
