package io.changeledger.command.source;

import io.changeledger.command.source.SourceCommands.ChangeSourceScopeCommand;
import io.changeledger.command.source.SourceCommands.RegisterSourceCommand;
import io.changeledger.events.source.SourceKind;
import io.changeledger.events.source.SourceScope;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The one way a source comes to exist, or changes its scope: its row (credentials live there) and its event together.
 */
@Component
class SourceRegistration {

    private final JdbcClient jdbc;
    private final CommandGateway commands;

    SourceRegistration(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    /**
     * In the caller's transaction.
     *
     * @param storeCredential writes the source's credential into its new row
     * @return false, changing nothing, if a source of that name exists
     */
    boolean register(String name, SourceKind kind, SourceScope scope, int ratePerSecond, String description,
                     String registeredBy, Instant at, Runnable storeCredential) {
        int inserted = jdbc.sql("""
                        insert into ingest_source (name, kind, scope_types, scope_systems, rate_per_second,
                                                   registered_at)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(name, kind.name(), scope.types().toArray(String[]::new),
                        scope.systems().toArray(String[]::new), ratePerSecond, Timestamp.from(at))
                .update();
        if (inserted == 0) {
            return false;
        }
        storeCredential.run();
        commands.sendAndWait(new RegisterSourceCommand(name, kind, scope, ratePerSecond, description, registeredBy,
                at));
        return true;
    }

    /** In the caller's transaction; an unknown source finds no aggregate (404 on the API). */
    void changeScope(String name, SourceScope scope, int ratePerSecond, String changedBy, Instant at) {
        commands.sendAndWait(new ChangeSourceScopeCommand(name, scope, ratePerSecond, changedBy, at));
        jdbc.sql("update ingest_source set scope_types = ?, scope_systems = ?, rate_per_second = ? where name = ?")
                .params(scope.types().toArray(String[]::new), scope.systems().toArray(String[]::new), ratePerSecond,
                        name)
                .update();
    }
}
