package io.changeledger.query.access;

import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who could touch production, and when. A grant is in force at T if T is in [valid_from, effective_end). "As known
 * at K" counts a grant only once its grant was recorded by K, and its revocation or removal only if that was
 * recorded by K too: until then the grant ran, as far as the ledger knew, to the end of its window.
 */
@Component
public class AccessMatrixQueries {

    /** The end the ledger knew at {@code :knownAt}. */
    private static final String KNOWN_END = """
            (case when g.end_recorded_at <= :knownAt then g.effective_end
                else greatest(g.valid_from, coalesce(g.valid_until, 'infinity')) end)""";

    /** The grant's status as the ledger knew it at {@code :knownAt}: that of its last event recorded by then. */
    private static final String KNOWN_STATUS = """
            (select h.status_after from access_history h where h.grant_id = g.grant_id and h.recorded_at <= :knownAt
                order by h.global_sequence desc limit 1)""";

    private static final RowMapper<Key> KEY = (rs, row) -> new Key(rs.getString("system"), rs.getString("principal"),
            rs.getString("role"));

    private static final RowMapper<Row> ROW = (rs, row) -> new Row(
            new Key(rs.getString("system"), rs.getString("principal"), rs.getString("role")),
            new AccessMatrix.Grant(rs.getString("grant_id"), Rows.enumeration(rs, "kind", AccessKind.class),
                    rs.getString("resource"), rs.getString("granted_by"), Rows.texts(rs, "approvers"),
                    Rows.instant(rs, "since"), Rows.instant(rs, "until"),
                    Rows.enumeration(rs, "status", AccessStatus.class), rs.getBoolean("privileged"),
                    rs.getBoolean("break_glass"), null));

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;
    private final GrantQueries grants;

    AccessMatrixQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock, GrantQueries grants) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
        this.grants = grants;
    }

    AccessMatrix handle(FindAccessMatrixQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private AccessMatrix answer(FindAccessMatrixQuery query) {
        Instant now = clock.instant();
        Instant at = query.at() == null ? now : query.at();
        Scope scope = new Scope(at, query.system(), query.principal(), query.role(), query.breakGlass(),
                query.privileged(), query.knownAt());
        Params params = scope.params(now);
        String inForce = scope.inForce();
        Page<Key> keys = Paging.page(jdbc, "e.*", "from (select distinct g.system, g.principal, g.role " + inForce
                + ") e", "e.system, e.principal, e.role", params, query.page(), query.size(), KEY);
        List<AccessMatrix.Entry> entries = List.of();
        if (!keys.items().isEmpty()) {
            Key first = keys.items().get(0);
            Key last = keys.items().get(keys.items().size() - 1);
            params.text("firstSystem", first.system()).text("firstPrincipal", first.principal())
                    .text("firstRole", first.role()).text("lastSystem", last.system())
                    .text("lastPrincipal", last.principal()).text("lastRole", last.role());
            // the page's entries are consecutive in the matrix's order, so their grants are one range of it
            List<Row> rows = jdbc.sql(scope.select() + inForce + """
                             and (g.system, g.principal, g.role) >= (:firstSystem, :firstPrincipal, :firstRole)
                             and (g.system, g.principal, g.role) <= (:lastSystem, :lastPrincipal, :lastRole)
                            order by g.system, g.principal, g.role, g.valid_from, g.grant_id""")
                    .paramSource(params).query(ROW).list();
            if (query.includeHistory()) {
                rows = withHistory(rows, query.knownAt());
            }
            entries = entries(rows);
        }
        return new AccessMatrix(at, query.knownAt(), entries, keys.page(), keys.size(), keys.totalItems());
    }

    AccessDiff handle(FindAccessDiffQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private AccessDiff answer(FindAccessDiffQuery query) {
        Instant now = clock.instant();
        Map<Key, AccessMatrix.Entry> before = matrix(query.from(), query, now);
        Map<Key, AccessMatrix.Entry> after = matrix(query.to(), query, now);
        List<AccessMatrix.Entry> added = new ArrayList<>();
        List<AccessMatrix.Entry> removed = new ArrayList<>();
        List<AccessDiff.Changed> changed = new ArrayList<>();
        after.forEach((key, entry) -> {
            AccessMatrix.Entry was = before.get(key);
            if (was == null) {
                added.add(entry);
            } else if (!sameAccess(was, entry)) {
                changed.add(new AccessDiff.Changed(key.system(), key.principal(), key.role(), was, entry));
            }
        });
        before.forEach((key, entry) -> {
            if (!after.containsKey(key)) {
                removed.add(entry);
            }
        });
        return new AccessDiff(query.from(), query.to(), added, removed, changed);
    }

    /** The whole matrix at an instant, in its order. */
    private Map<Key, AccessMatrix.Entry> matrix(Instant at, FindAccessDiffQuery query, Instant now) {
        Scope scope = new Scope(at, query.system(), query.principal(), query.role(), null, null, null);
        List<Row> rows = jdbc.sql(scope.select() + scope.inForce()
                        + " order by g.system, g.principal, g.role, g.valid_from, g.grant_id")
                .paramSource(scope.params(now)).query(ROW).list();
        Map<Key, AccessMatrix.Entry> matrix = new LinkedHashMap<>();
        for (AccessMatrix.Entry entry : entries(rows)) {
            matrix.put(new Key(entry.system(), entry.principal(), entry.role()), entry);
        }
        return matrix;
    }

    /** Since every grant's end is read from what the ledger holds now, the same grants mean the same end. */
    private static boolean sameAccess(AccessMatrix.Entry before, AccessMatrix.Entry after) {
        return grantIds(before).equals(grantIds(after)) && Objects.equals(before.until(), after.until())
                && before.breakGlass() == after.breakGlass() && before.privileged() == after.privileged();
    }

    private static Set<String> grantIds(AccessMatrix.Entry entry) {
        return entry.grants().stream().map(AccessMatrix.Grant::grantId).collect(Collectors.toSet());
    }

    public Optional<ChangeAccess> handle(FindChangeAccessQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Optional<ChangeAccess> answer(FindChangeAccessQuery query) {
        Params params = new Params();
        params.text("changeId", query.changeId());
        // the execution window as FreezeQueries reads it: least/greatest skip a missing end
        Optional<ChangeAccess> change = jdbc.sql("""
                        select change_id, service, environment, least(started_at, finished_at) as execution_start,
                            greatest(started_at, finished_at) as execution_end
                        from production_change where change_id = :changeId""")
                .paramSource(params)
                .query((rs, row) -> {
                    Instant start = Rows.instant(rs, "execution_start");
                    return new ChangeAccess(rs.getString("change_id"), rs.getString("service"),
                            rs.getString("environment"), start != null, start, Rows.instant(rs, "execution_end"),
                            List.of());
                })
                .optional();
        if (change.isEmpty() || !change.get().ran()) {
            return change;
        }
        ChangeAccess found = change.get();
        params.text("system", found.service()).time("start", found.executionStart())
                .time("end", found.executionEnd());
        String overlapping = """
                s.grant_id = g.grant_id and s.started_at <= :end and coalesce(s.ended_at, 'infinity') >= :start""";
        List<ChangeAccess.Holder> holders = jdbc.sql("""
                        select g.*, nullif(g.effective_end, 'infinity') as until,
                            array(select s.session_id from access_session s where %s
                                order by s.started_at, s.session_id) as sessions
                        from access_grant g
                        where g.system = :system and g.valid_from is not null and g.valid_from <= :end
                          and g.effective_end > :start
                        order by g.principal, g.role, g.valid_from, g.grant_id""".formatted(overlapping))
                .paramSource(params)
                .query((rs, row) -> {
                    List<String> sessions = Rows.texts(rs, "sessions");
                    return new ChangeAccess.Holder(rs.getString("principal"), rs.getString("role"),
                            rs.getString("grant_id"), Rows.enumeration(rs, "kind", AccessKind.class),
                            rs.getString("resource"), rs.getBoolean("privileged"), rs.getBoolean("break_glass"),
                            Rows.instant(rs, "valid_from"), Rows.instant(rs, "until"), sessions, !sessions.isEmpty());
                })
                .list();
        return Optional.of(new ChangeAccess(found.changeId(), found.service(), found.environment(), true,
                found.executionStart(), found.executionEnd(), holders));
    }

    private List<Row> withHistory(List<Row> rows, Instant knownAt) {
        Map<String, List<HistoryItem>> histories = grants.histories(
                rows.stream().map(row -> row.grant().grantId()).toList(), knownAt);
        return rows.stream().map(row -> {
            AccessMatrix.Grant grant = row.grant();
            return new Row(row.key(), new AccessMatrix.Grant(grant.grantId(), grant.kind(), grant.resource(),
                    grant.grantedBy(), grant.approvers(), grant.since(), grant.until(), grant.status(),
                    grant.privileged(), grant.breakGlass(), histories.getOrDefault(grant.grantId(), List.of())));
        }).toList();
    }

    /** Groups rows ordered by system, principal and role into the matrix's entries. */
    private static List<AccessMatrix.Entry> entries(List<Row> rows) {
        Map<Key, List<AccessMatrix.Grant>> grouped = new LinkedHashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(row.key(), key -> new ArrayList<>()).add(row.grant()));
        List<AccessMatrix.Entry> entries = new ArrayList<>(grouped.size());
        grouped.forEach((key, grants) -> {
            Instant since = grants.stream().map(AccessMatrix.Grant::since).min(Instant::compareTo).orElseThrow();
            Instant until = grants.stream().anyMatch(grant -> grant.until() == null) ? null
                    : grants.stream().map(AccessMatrix.Grant::until).max(Instant::compareTo).orElseThrow();
            entries.add(new AccessMatrix.Entry(key.system(), key.principal(), key.role(),
                    grants.stream().anyMatch(AccessMatrix.Grant::privileged),
                    grants.stream().anyMatch(AccessMatrix.Grant::breakGlass), since, until, grants));
        });
        return entries;
    }

    /** The grants in force at an instant, narrowed by the filters, as now or as known at an instant. */
    private record Scope(Instant at, String system, String principal, String role, Boolean breakGlass,
                         Boolean privileged, Instant knownAt) {

        /**
         * @param now "now" for each grant's status: as known at {@code knownAt}, the status is the one it had then
         */
        Params params(Instant now) {
            Params params = new Params();
            params.time("at", at).time("knownAt", knownAt)
                    .time("now", knownAt != null && knownAt.isBefore(now) ? knownAt : now)
                    .text("system", system).text("principal", principal).text("role", role)
                    .bool("breakGlass", breakGlass).bool("privileged", privileged);
            return params;
        }

        String select() {
            String end = knownAt == null ? "g.effective_end" : KNOWN_END;
            String status = knownAt == null ? "g.status" : KNOWN_STATUS;
            String approvers = knownAt == null ? "g.approvers" : """
                    array(select a.approver from access_approval a where a.grant_id = g.grant_id
                        and a.decision = 'APPROVED' and a.recorded_at <= :knownAt order by a.global_sequence)""";
            return """
                    select g.grant_id, g.kind, g.system, g.principal, g.role, g.resource, g.granted_by,
                        g.privileged, g.break_glass, g.valid_from as since, nullif(%1$s, 'infinity') as until,
                        %2$s as approvers,
                        case when %3$s = 'ACTIVE' and %1$s <= :now then 'EXPIRED' else %3$s end as status
                    """.formatted(end, approvers, status);
        }

        /** {@code from … where …}; the system, start and end conditions are those of index access_grant_as_of. */
        String inForce() {
            List<String> conditions = new ArrayList<>(List.of("g.valid_from is not null", "g.valid_from <= :at"));
            if (knownAt == null) {
                conditions.add("g.effective_end > :at");
            } else {
                conditions.add("g.granted_recorded_at <= :knownAt");
                conditions.add(KNOWN_END + " > :at");
            }
            if (system != null) {
                conditions.add("g.system = :system");
            }
            if (principal != null) {
                conditions.add("g.principal = :principal");
            }
            if (role != null) {
                conditions.add("g.role = :role");
            }
            if (breakGlass != null) {
                conditions.add("g.break_glass = :breakGlass");
            }
            if (privileged != null) {
                conditions.add("g.privileged = :privileged");
            }
            return " from access_grant g where " + String.join(" and ", conditions);
        }
    }

    private record Key(String system, String principal, String role) {
    }

    private record Row(Key key, AccessMatrix.Grant grant) {
    }
}
