package io.changeledger.command.freeze;

import io.changeledger.command.change.ChangeControls;
import io.changeledger.command.config.AfterCommit;
import io.changeledger.events.freeze.ChangeFreezeDeclared;
import io.changeledger.events.freeze.ChangeFreezeLifted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The freezes the change controls consult. The table is written by a subscribing processor, in the
 * transaction that stores the freeze's events; every change reads it, so this instance keeps it in memory
 * and reloads it after each transaction that changed it (and every minute, in case another process
 * wrote it). A freeze is tiny and rare, a change is not: the in-memory check saved a database round trip
 * on every change, which the benchmark measured.
 */
@Component
@ProcessingGroup(FreezeLookup.PROCESSING_GROUP)
public class FreezeLookup {

    public static final String PROCESSING_GROUP = "lookups";

    private final JdbcClient jdbc;
    private volatile List<Freeze> freezes;

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
        reloadAfterCommit();
    }

    @EventHandler
    void on(ChangeFreezeLifted event) {
        jdbc.sql("update freeze_lookup set lifted_at = ? where freeze_id = ?")
                .params(Timestamp.from(event.occurredAt()), event.freezeId()).update();
        reloadAfterCommit();
    }

    /** A lifted freeze ends when it was lifted; an empty scope covers everything. */
    public List<ChangeControls.FreezeWindow> covering(String service, String environment, Instant at) {
        List<Freeze> current = freezes;
        if (current == null) {
            current = reload();
        }
        return current.stream().filter(freeze -> freeze.covers(service, environment, at))
                .map(freeze -> new ChangeControls.FreezeWindow(freeze.freezeId(), freeze.reason()))
                .toList();
    }

    /** Synchronized, so that a slower reload never replaces the result of a newer one. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    synchronized List<Freeze> reload() {
        List<Freeze> loaded = jdbc.sql("""
                        select freeze_id, services, environments, starts_at, least(ends_at, lifted_at) as ends_at, reason
                        from freeze_lookup order by starts_at, freeze_id""")
                .query((rs, row) -> new Freeze(rs.getString("freeze_id"),
                        Set.of((String[]) rs.getArray("services").getArray()),
                        Set.of((String[]) rs.getArray("environments").getArray()),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("reason")))
                .list();
        freezes = loaded;
        return loaded;
    }

    private void reloadAfterCommit() {
        AfterCommit.run(this::reload);
    }

    /** @param endsAt the end of the window, or the moment the freeze was lifted if that came first */
    record Freeze(String freezeId, Set<String> services, Set<String> environments, Instant startsAt,
                  Instant endsAt, String reason) {

        boolean covers(String service, String environment, Instant at) {
            return !at.isBefore(startsAt) && at.isBefore(endsAt)
                    && (services.isEmpty() || services.contains(service))
                    && (environments.isEmpty() || environments.contains(environment));
        }
    }
}
