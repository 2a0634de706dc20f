package io.changeledger.command.token;

import io.changeledger.command.token.TokenCommands.RecordTokenFirstUseCommand;
import io.changeledger.command.token.TokenCommands.RecordTokenIssuedCommand;
import io.changeledger.command.token.TokenCommands.RecordTokenRevocationCommand;
import io.changeledger.security.ApiToken;
import io.changeledger.security.TokenLedger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The command side's own tokens onto the ledger. The commands join the transaction that changes the token (Axon's
 * unit of work runs in the Spring transaction), so a token is never issued, first used or revoked off the record.
 */
@Component
class CommandSideTokens implements TokenLedger {

    static final String API = "command-side";

    private final CommandGateway commands;

    CommandSideTokens(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public void issued(ApiToken token) {
        commands.sendAndWait(new RecordTokenIssuedCommand(token.id().toString(), API, token.name(),
                token.role().name(), token.createdBy(), token.createdAt(), token.expiresAt()));
    }

    @Override
    public void firstUsed(ApiToken token, Instant usedAt) {
        commands.sendAndWait(new RecordTokenFirstUseCommand(token.id().toString(), API, usedAt));
    }

    @Override
    public void revoked(ApiToken token) {
        commands.sendAndWait(new RecordTokenRevocationCommand(token.id().toString(), API, token.revokedBy(),
                token.revokedAt()));
    }
}
