package io.changeledger.command.token;

import io.changeledger.command.Recorded;
import io.changeledger.command.token.TokenCommands.RecordTokenFirstUseCommand;
import io.changeledger.command.token.TokenCommands.RecordTokenIssuedCommand;
import io.changeledger.command.token.TokenCommands.RecordTokenRevocationCommand;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * How the query side's tokens reach the ledger: the ingest items {@code token.issued}, {@code token.first-used} and
 * {@code token.revoked}, which only the query side's own source may send. They are recorded as tokens of the query
 * side whatever the item says, so that no item can touch a token of the command side.
 */
@Component
public class TokenIntake {

    public static final String ISSUED = "token.issued";
    public static final String FIRST_USED = "token.first-used";
    public static final String REVOKED = "token.revoked";

    static final String QUERY_SIDE = "query-side";
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final CommandGateway commands;

    TokenIntake(CommandGateway commands) {
        this.commands = commands;
    }

    public record Issued(@NotBlank @Pattern(regexp = UUID) String tokenId, @NotBlank @Size(max = 200) String name,
                         @NotBlank @Pattern(regexp = "AUDITOR|COMPLIANCE|ADMIN") String role,
                         @NotBlank @Size(max = 200) String issuedBy, @NotNull Instant issuedAt,
                         @NotNull Instant expiresAt) {
    }

    public record FirstUsed(@NotBlank @Pattern(regexp = UUID) String tokenId, @NotNull Instant usedAt) {
    }

    public record Revoked(@NotBlank @Pattern(regexp = UUID) String tokenId, @NotBlank @Size(max = 200) String revokedBy,
                          @NotNull Instant revokedAt) {
    }

    public Recorded issued(Issued item) {
        Boolean existing = commands.sendAndWait(new RecordTokenIssuedCommand(item.tokenId(), QUERY_SIDE, item.name(),
                item.role(), item.issuedBy(), item.issuedAt(), item.expiresAt()));
        return new Recorded(item.tokenId(), Boolean.TRUE.equals(existing));
    }

    public Recorded firstUsed(FirstUsed item) {
        Boolean existing = commands.sendAndWait(new RecordTokenFirstUseCommand(item.tokenId(), QUERY_SIDE,
                item.usedAt()));
        return new Recorded(item.tokenId(), Boolean.TRUE.equals(existing));
    }

    public Recorded revoked(Revoked item) {
        Boolean existing = commands.sendAndWait(new RecordTokenRevocationCommand(item.tokenId(), QUERY_SIDE,
                item.revokedBy(), item.revokedAt()));
        return new Recorded(item.tokenId(), Boolean.TRUE.equals(existing));
    }
}
