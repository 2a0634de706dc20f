package io.changeledger.query.freeze;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.query.change.ChangeStatus;
import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

@Component
class FreezeQueries {

    private static final RowMapper<FreezeView> FREEZE = (rs, row) -> new FreezeView(rs.getString("freeze_id"),
            texts(rs, "services"), texts(rs, "environments"), Rows.instant(rs, "starts_at"),
            Rows.instant(rs, "ends_at"), Rows.instant(rs, "effective_end"), rs.getString("reason"),
            rs.getString("declared_by"), Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at"),
            rs.getObject("lifted_at") != null, Rows.instant(rs, "lifted_at"), rs.getString("lifted_by"),
            rs.getString("lift_reason"));

    private static final RowMapper<FreezeChange> CHANGE = (rs, row) -> new FreezeChange(rs.getString("change_id"),
            Rows.enumeration(rs, "kind", ChangeKind.class), Rows.enumeration(rs, "status", ChangeStatus.class),
            rs.getString("service"), rs.getString("environment"), rs.getString("version"), rs.getString("actor"),
            rs.getBoolean("emergency"), Rows.instant(rs, "execution_start"), Rows.instant(rs, "execution_end"),
            rs.getBoolean("freeze_exception_approved"), rs.getBoolean("freeze_violation_recorded"));

    /**
     * The changes in the freeze's scope whose execution overlaps its effective window. A change's execution runs
     * from when it started (or finished, if that is all the ledger knows) to when it finished (or started); the
     * expression is the one of the index production_change_execution. Changes that never ran are not listed. The
     * window is given as values, the freeze's as read in the same snapshot: with the window taken from the joined
     * freeze row, the planner did not use the BRIN index at all.
     */
    static final String FREEZE_CHANGES = """
             from change_freeze f
             join production_change c
               on (cardinality(f.services) = 0 or c.service = any(f.services))
              and (cardinality(f.environments) = 0 or c.environment = any(f.environments))
              and (c.started_at is not null or c.finished_at is not null)
              and tstzrange(least(c.started_at, c.finished_at), greatest(c.started_at, c.finished_at), '[]')
                  && tstzrange(:startsAt, :effectiveEnd, '[)')
             where f.freeze_id = :freezeId""";

    /**
     * The planner prices a scan of the BRIN index production_change_execution as a read of the whole table (it
     * cannot tell how few page ranges match) and chose a parallel sequential scan: 200 ms at 250,000 changes,
     * against 5 ms by the index, or 45 ms by the index with the parallel workers it then adds for so large a read.
     * Local to the answer's transaction.
     */
    static final List<String> BY_EXECUTION_INDEX = List.of("set local enable_seqscan = off",
            "set local max_parallel_workers_per_gather = 0");

    private final JdbcClient jdbc;
    private final Snapshot snapshot;

    FreezeQueries(JdbcClient jdbc, Snapshot snapshot) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
    }

    Optional<FreezeView> handle(FindFreezeQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Optional<FreezeView> answer(FindFreezeQuery query) {
        return jdbc.sql("select * from change_freeze where freeze_id = :freezeId")
                .paramSource(new Params().text("freezeId", query.freezeId())).query(FREEZE).optional();
    }

    Page<FreezeView> handle(FindFreezesQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<FreezeView> answer(FindFreezesQuery query) {
        Params params = new Params();
        params.time("activeAt", query.activeAt());
        String where = query.activeAt() == null ? ""
                : " where starts_at <= :activeAt and effective_end > :activeAt";
        return Paging.page(jdbc, "*", "from change_freeze" + where, "starts_at desc, global_sequence desc", params,
                query.page(), query.size(), FREEZE);
    }

    Optional<FreezeChanges> handle(FindFreezeChangesQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Optional<FreezeChanges> answer(FindFreezeChangesQuery query) {
        Optional<FreezeView> freeze = answer(new FindFreezeQuery(query.freezeId()));
        if (freeze.isEmpty()) {
            return Optional.empty();
        }
        Params params = new Params();
        params.text("freezeId", query.freezeId()).time("startsAt", freeze.get().startsAt())
                .time("effectiveEnd", freeze.get().effectiveEnd());
        BY_EXECUTION_INDEX.forEach(setting -> jdbc.sql(setting).update());
        Page<FreezeChange> changes = Paging.page(jdbc, """
                        c.change_id, c.kind, c.status, c.service, c.environment, c.version, c.actor,
                            c.emergency, least(c.started_at, c.finished_at) as execution_start,
                            greatest(c.started_at, c.finished_at) as execution_end,
                            exists (select 1 from change_approval a where a.change_id = c.change_id
                                and a.decision = 'APPROVED' and a.freeze_exception) as freeze_exception_approved,
                            exists (select 1 from control_violation v where v.change_id = c.change_id
                                and v.control = 'CHANGE_FREEZE') as freeze_violation_recorded""",
                FREEZE_CHANGES, "execution_start, c.global_sequence", params, query.page(), query.size(), CHANGE);
        return Optional.of(new FreezeChanges(freeze.get(), changes.items(), changes.page(), changes.size(),
                changes.totalItems()));
    }

    private static List<String> texts(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
