package io.changeledger.command.audit;

import io.changeledger.command.Recorded;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** How the audit trail of the query side's auditors enters the ledger: the ingest item {@code auditor.query}. */
@Component
public class AuditIntake {

    private final CommandGateway commands;

    AuditIntake(CommandGateway commands) {
        this.commands = commands;
    }

    /** A request already on the ledger records nothing and is answered as existing. */
    public Recorded record(AuditRequests.RecordAuditorQuery request) {
        Boolean existing = commands.sendAndWait(new RecordAuditorQueryCommand(request.queryId(), request.auditor(),
                request.authenticated(), request.method(), request.path(), request.query(), request.status(),
                request.rowCount(), request.durationMillis(), request.clientAddress(), request.sourceSystem(),
                request.occurredAt()));
        return new Recorded(request.queryId(), Boolean.TRUE.equals(existing));
    }
}
