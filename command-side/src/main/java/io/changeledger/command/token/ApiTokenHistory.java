package io.changeledger.command.token;

import io.changeledger.command.token.TokenCommands.RecordTokenFirstUseCommand;
import io.changeledger.command.token.TokenCommands.RecordTokenIssuedCommand;
import io.changeledger.command.token.TokenCommands.RecordTokenRevocationCommand;
import io.changeledger.events.token.ApiTokenFirstUsed;
import io.changeledger.events.token.ApiTokenIssued;
import io.changeledger.events.token.ApiTokenRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The life of one API token on the ledger: issued, first used, revoked. Each fact is recorded once; the same fact
 * told again (the query side's sender retries until Kafka acknowledges) is answered as already recorded.
 */
@Aggregate
class ApiTokenHistory {

    @AggregateIdentifier
    private String tokenId;
    private String api;
    private boolean used;
    private boolean revoked;

    protected ApiTokenHistory() {
        // required by Axon to rebuild the aggregate from its events, and to create it if missing
    }

    /** @return whether the token was already on the ledger */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(RecordTokenIssuedCommand command) {
        ApiTokenIssued issued = new ApiTokenIssued(command.tokenId(), command.api(), command.name(), command.role(),
                command.issuedBy(), command.issuedAt(), command.expiresAt());
        if (tokenId != null) {
            sameApi(command.api());
            return true;
        }
        apply(issued);
        return false;
    }

    /** @return whether its first use was already on the ledger */
    @CommandHandler
    boolean handle(RecordTokenFirstUseCommand command) {
        ApiTokenFirstUsed firstUsed = new ApiTokenFirstUsed(command.tokenId(), command.api(), command.usedAt());
        sameApi(command.api());
        if (used) {
            return true;
        }
        apply(firstUsed);
        return false;
    }

    /** @return whether its revocation was already on the ledger */
    @CommandHandler
    boolean handle(RecordTokenRevocationCommand command) {
        ApiTokenRevoked revocation = new ApiTokenRevoked(command.tokenId(), command.api(), command.revokedBy(),
                command.revokedAt());
        sameApi(command.api());
        if (revoked) {
            return true;
        }
        apply(revocation);
        return false;
    }

    /** A side can tell only of its own tokens: the query side must not revoke, or use, one of the command side. */
    private void sameApi(String told) {
        if (!api.equals(told)) {
            throw new IllegalArgumentException("token " + tokenId + " is a token of the " + api + ", not of the "
                    + told);
        }
    }

    @EventSourcingHandler
    void on(ApiTokenIssued event) {
        tokenId = event.tokenId();
        api = event.api();
    }

    @EventSourcingHandler
    void on(ApiTokenFirstUsed event) {
        used = true;
    }

    @EventSourcingHandler
    void on(ApiTokenRevoked event) {
        revoked = true;
    }
}
