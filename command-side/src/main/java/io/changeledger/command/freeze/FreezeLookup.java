package io.changeledger.command.freeze;

import io.changeledger.command.change.ChangeControls;
import io.changeledger.events.freeze.ChangeFreezeDeclared;
import io.changeledger.events.freeze.ChangeFreezeLifted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The freezes the change controls consult, kept in the command side's database by a subscribing processor:
 * it is written in the transaction that stores the freeze's events, so a change recorded right after a
 * freeze is declared is judged against it.
 */
@Component
@ProcessingGroup(FreezeLookup.PROCESSING_GROUP)
public class FreezeLookup {

    public static final String PROCESSING_GROUP = "lookups";

    private final JdbcClient jdbc;

    FreezeLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ChangeFreezeDeclared event) {
        jdbc.sql("""
                        insert into freeze_lookup (freeze_id, services, environments, starts_at, ends_at, reason)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(event.freezeId(), event.services().toArray(String[]::new),
                        event.environments().toArray(String[]::new), Timestamp.from(event.window().start()),
                        Timestamp.from(event.window().end()), event.reason())
                .update();
    }

    @EventHandler
    void on(ChangeFreezeLifted event) {
        jdbc.sql("update freeze_lookup set lifted_at = ? where freeze_id = ?")
                .params(Timestamp.from(event.occurredAt()), event.freezeId()).update();
    }

    /** A lifted freeze ends when it was lifted; an empty scope list covers everything. */
    public List<ChangeControls.FreezeWindow> covering(String service, String environment, Instant at) {
        return jdbc.sql("""
                        select freeze_id, reason from freeze_lookup
                        where starts_at <= ? and ? < least(ends_at, lifted_at)
                          and (cardinality(services) = 0 or ? = any(services))
                          and (cardinality(environments) = 0 or ? = any(environments))
                        order by starts_at, freeze_id""")
                .params(Timestamp.from(at), Timestamp.from(at), service, environment)
                .query((rs, row) -> new ChangeControls.FreezeWindow(rs.getString("freeze_id"), rs.getString("reason")))
                .list();
    }
}
