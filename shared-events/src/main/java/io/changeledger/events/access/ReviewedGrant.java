package io.changeledger.events.access;

import io.changeledger.events.Require;

/** A grant in the scope of an access review, as it stood when the review started. */
public record ReviewedGrant(String grantId, String principal, String role, boolean privileged) {

    public ReviewedGrant {
        Require.text(grantId, "grantId");
        Require.text(principal, "principal");
        Require.text(role, "role");
    }
}
