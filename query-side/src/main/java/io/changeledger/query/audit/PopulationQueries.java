package io.changeledger.query.audit;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.RiskLevel;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Populations of changes and of grants of access, paged by key in a stable order (occurred-at, then id in byte
 * order), and reproducible samples of them. The members' fields are as the ledger holds them now; {@code knownAt}
 * decides who is a member.
 */
@Component
class PopulationQueries {

    private static final RowMapper<PopulationChange> CHANGE = (rs, row) -> new PopulationChange(
            rs.getString("change_id"), Rows.enumeration(rs, "kind", ChangeKind.class), rs.getString("status"),
            rs.getString("service"), rs.getString("environment"), rs.getString("version"), rs.getString("actor"),
            rs.getString("requester"), Rows.enumeration(rs, "risk", RiskLevel.class), rs.getBoolean("emergency"),
            rs.getInt("approval_count"), rs.getInt("violations"), rs.getInt("open_violations"),
            Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"), Rows.instant(rs, "occurred_at"),
            Rows.instant(rs, "recorded_at"), rs.getObject("event_id", UUID.class));

    private static final RowMapper<PopulationGrant> GRANT = (rs, row) -> new PopulationGrant(
            rs.getString("grant_id"), Rows.enumeration(rs, "kind", GrantFilter.GrantKind.class),
            rs.getString("status"), rs.getString("principal"), rs.getString("system"), rs.getString("role"),
            rs.getBoolean("privileged"), rs.getBoolean("break_glass"), Rows.texts(rs, "approvers"),
            rs.getString("granted_by"), Rows.instant(rs, "valid_from"), Rows.instant(rs, "valid_until"),
            rs.getString("change_id"), rs.getInt("violations"), Rows.instant(rs, "occurred_at"),
            Rows.instant(rs, "recorded_at"), rs.getObject("event_id", UUID.class));

    private static final Members<PopulationChange> CHANGES = new Members<>("production_change c", "c.change_id", """
            c.change_id, c.kind, c.status, c.service, c.environment, c.version, c.actor, c.requester, c.risk,
            c.emergency, c.approval_count, c.started_at, c.finished_at, c.occurred_at, c.recorded_at, c.event_id,
            (select count(*) from control_violation v where v.change_id = c.change_id) as violations,
            (select count(*) from control_violation v where v.change_id = c.change_id and v.resolved_at is null)
                as open_violations""", CHANGE, PopulationChange::changeId, PopulationChange::occurredAt);

    private static final Members<PopulationGrant> GRANTS = new Members<>("access_grant g", "g.grant_id", """
            g.grant_id, g.kind, g.status, g.principal, g.system, g.role, g.privileged, g.break_glass, g.approvers,
            g.granted_by, g.valid_from, g.valid_until, g.change_id, g.occurred_at, g.recorded_at, g.event_id,
            (select count(*) from access_violation v where v.grant_id = g.grant_id) as violations""",
            GRANT, PopulationGrant::grantId, PopulationGrant::occurredAt);

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;

    PopulationQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    CursorPage<PopulationChange> handle(FindChangePopulationQuery query) {
        Params params = new Params();
        return snapshot.read(() -> page(CHANGES, conditions(query.filter(), params), params, query.after(),
                query.limit()));
    }

    CursorPage<PopulationGrant> handle(FindGrantPopulationQuery query) {
        Params params = new Params();
        return snapshot.read(() -> page(GRANTS, conditions(query.filter(), params), params, query.after(),
                query.limit()));
    }

    Sample<PopulationChange> handle(FindChangeSampleQuery query) {
        ChangeFilter filter = query.filter().knownAt() == null ? query.filter().at(clock.instant()) : query.filter();
        Params params = new Params();
        List<String> conditions = conditions(filter, params);
        return snapshot.read(() -> sample(CHANGES, conditions, params, query.seed(), query.size(), filter.knownAt()));
    }

    Sample<PopulationGrant> handle(FindGrantSampleQuery query) {
        GrantFilter filter = query.filter().knownAt() == null ? query.filter().at(clock.instant()) : query.filter();
        Params params = new Params();
        List<String> conditions = conditions(filter, params);
        return snapshot.read(() -> sample(GRANTS, conditions, params, query.seed(), query.size(), filter.knownAt()));
    }

    private <T> CursorPage<T> page(Members<T> members, List<String> conditions, Params params, Cursor after,
                                   int limit) {
        long total = jdbc.sql("select count(*) from " + members.table() + where(conditions))
                .paramSource(params).query(Long.class).single();
        List<String> paged = new ArrayList<>(conditions);
        if (after != null) {
            paged.add("(" + members.alias() + ".occurred_at, " + members.id() + " collate \"C\")"
                    + " > (:afterAt, cast(:afterId as text) collate \"C\")");
            params.time("afterAt", after.occurredAt()).text("afterId", after.id());
        }
        // one more than the page holds, to know whether another page follows
        params.integer("limit", limit + 1);
        List<T> items = jdbc.sql("select " + members.columns() + " from " + members.table() + where(paged)
                        + " order by " + members.alias() + ".occurred_at, " + members.id() + " collate \"C\""
                        + " limit :limit")
                .paramSource(params).query(members.rows()).list();
        if (items.size() <= limit) {
            return new CursorPage<>(items, limit, total, null);
        }
        List<T> page = items.subList(0, limit);
        T last = page.get(limit - 1);
        return new CursorPage<>(List.copyOf(page), limit, total,
                new Cursor(members.occurredAt().apply(last), members.idOf().apply(last)).encode());
    }

    private <T> Sample<T> sample(Members<T> members, List<String> conditions, Params params, String seed, int size,
                                 Instant knownAt) {
        boolean generated = seed == null;
        String drawn = generated ? SampleMethod.newSeed() : seed;
        long population = jdbc.sql("select count(*) from " + members.table() + where(conditions))
                .paramSource(params).query(Long.class).single();
        params.text("seed", drawn).integer("size", size);
        List<Sample.Sampled<T>> items = new ArrayList<>();
        jdbc.sql("select " + members.columns() + ", " + SampleMethod.keyOf(members.id()) + " as sample_key from "
                        + members.table() + where(conditions) + " order by sample_key, " + members.id()
                        + " collate \"C\" limit :size")
                .paramSource(params)
                .query(rs -> {
                    items.add(new Sample.Sampled<>(items.size() + 1,
                            HexFormat.of().formatHex(rs.getBytes("sample_key")), members.rows().mapRow(rs, 0)));
                });
        return new Sample<>(SampleMethod.NAME, drawn, generated, size, population, knownAt, items);
    }

    private static List<String> conditions(ChangeFilter filter, Params params) {
        List<String> conditions = new ArrayList<>();
        if (filter.service() != null) {
            conditions.add("c.service = :service");
            params.text("service", filter.service());
        }
        if (filter.environment() != null) {
            conditions.add("c.environment = :environment");
            params.text("environment", filter.environment());
        }
        if (filter.kind() != null) {
            conditions.add("c.kind = :kind");
            params.text("kind", filter.kind());
        }
        period("c", filter.from(), filter.to(), filter.knownAt(), conditions, params);
        return conditions;
    }

    private static List<String> conditions(GrantFilter filter, Params params) {
        List<String> conditions = new ArrayList<>();
        if (filter.system() != null) {
            conditions.add("g.system = :system");
            params.text("system", filter.system());
        }
        if (filter.principal() != null) {
            conditions.add("g.principal = :principal");
            params.text("principal", filter.principal());
        }
        if (filter.role() != null) {
            conditions.add("g.role = :role");
            params.text("role", filter.role());
        }
        if (filter.kind() != null) {
            conditions.add("g.kind = :kind");
            params.text("kind", filter.kind());
        }
        if (filter.privileged() != null) {
            conditions.add("g.privileged = :privileged");
            params.bool("privileged", filter.privileged());
        }
        period("g", filter.from(), filter.to(), filter.knownAt(), conditions, params);
        return conditions;
    }

    private static void period(String alias, Instant from, Instant to, Instant knownAt, List<String> conditions,
                               Params params) {
        if (from != null) {
            conditions.add(alias + ".occurred_at >= :from");
            params.time("from", from);
        }
        if (to != null) {
            conditions.add(alias + ".occurred_at < :to");
            params.time("to", to);
        }
        if (knownAt != null) {
            conditions.add(alias + ".recorded_at <= :knownAt");
            params.time("knownAt", knownAt);
        }
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** What a population is drawn from. */
    private record Members<T>(String table, String id, String columns, RowMapper<T> rows,
                              Function<T, String> idOf,
                              Function<T, Instant> occurredAt) {

        String alias() {
            return table.substring(table.indexOf(' ') + 1);
        }
    }
}
