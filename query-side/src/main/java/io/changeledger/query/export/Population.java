package io.changeledger.query.export;

import io.changeledger.proof.Digest;
import io.changeledger.proof.format.ExportManifest.AttestedColumn;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The populations an auditor samples from, each as of a checkpoint: only subjects whose first event is in the
 * checkpoint's tree, each in the state its events in that tree left it: those up to {@code :cut}, the tree's highest
 * global sequence, except the late committers in {@code :outside}, published after the checkpoint. The same request
 * against the same checkpoint gives the same rows.
 *
 * <p>Every row names the event that put its subject on the ledger ({@code ledger_sequence}, {@code leaf_hash}) and
 * the last event its state is as of ({@code as_of_sequence}). The attested columns are fields of the first event's
 * entry, which a verifier compares; the others are the projection's reading of the subject's events.
 */
enum Population {

    CHANGES("changes", "changes/1", "Production changes", "service", List.of("service", "environment"), List.of(
            "change_id", "kind", "service", "environment", "version", "actor", "source_system", "risk", "emergency",
            "status", "approvals", "required_approvals", "started_at", "finished_at", "review_status",
            "review_overdue", "violations", "occurred_at", "recorded_at", "event_id", "ledger_sequence", "leaf_hash",
            "as_of_sequence"),
            List.of(text("change_id", "/payload/changeId"), text("service", "/payload/service"),
                    text("environment", "/payload/environment"), text("actor", "/payload/actor", "/payload/requester"),
                    text("source_system", "/payload/sourceSystem"), instant("occurred_at", "/occurredAt"),
                    instant("recorded_at", "/recordedAt"), text("event_id", "/id")),
            """
            select c.change_id, c.kind, c.service, c.environment, c.version, c.actor, c.source_system, c.risk,
                   c.emergency, h.status_after, h.approval_count_after, c.required_approvals, h.started_at_after,
                   h.finished_at_after, h.review_status_after, h.review_overdue_after,
                   (select string_agg(v.control, ';' order by v.global_sequence, v.violation_id)
                    from control_violation v
                    where v.change_id = c.change_id and v.global_sequence <= :cut
                        and v.global_sequence <> all(cast(:outside as bigint[]))) as violations,
                   c.occurred_at, c.recorded_at, c.event_id, o.sequence, o.leaf_hash, a.sequence as as_of_sequence
            from production_change c
            join ledger_entry o on o.event_id = c.event_id and o.sequence < :treeSize
            join lateral (select * from change_history h
                          where h.change_id = c.change_id and h.global_sequence <= :cut
                            and h.global_sequence <> all(cast(:outside as bigint[]))
                          order by h.global_sequence desc limit 1) h on true
            left join ledger_entry a on a.event_id = h.event_id
            where c.occurred_at >= :from and c.occurred_at < :to""", "c.occurred_at, c.global_sequence"),

    GRANTS("grants", "grants/1", "Access grants to production", "system", List.of("system", "principal"), List.of(
            "grant_id", "kind", "principal", "system", "resource", "role", "privileged", "break_glass",
            "source_system", "status", "approvals", "required_approvals", "valid_from", "valid_until", "ended_at",
            "violations", "occurred_at", "recorded_at", "event_id", "ledger_sequence", "leaf_hash", "as_of_sequence"),
            List.of(text("grant_id", "/payload/grantId"), text("principal", "/payload/principal"),
                    text("system", "/payload/system"), text("role", "/payload/role"),
                    text("source_system", "/payload/sourceSystem"), instant("occurred_at", "/occurredAt"),
                    instant("recorded_at", "/recordedAt"), text("event_id", "/id")),
            // a window is set once, by the grant, and its end once: they are known at the cut if the status says so
            """
            select g.grant_id, g.kind, g.principal, g.system, g.resource, g.role, g.privileged, g.break_glass,
                   g.source_system, h.status_after,
                   (select count(*) from access_approval p where p.grant_id = g.grant_id and p.decision = 'APPROVED'
                    and p.global_sequence <= :cut and p.global_sequence <> all(cast(:outside as bigint[])))
                   as approvals, g.required_approvals,
                   case when h.status_after not in ('REQUESTED', 'DENIED') then g.valid_from end as valid_from,
                   case when h.status_after not in ('REQUESTED', 'DENIED') then g.valid_until end as valid_until,
                   case when h.status_after in ('EXPIRED', 'REVOKED', 'REMOVED') then g.ended_at end as ended_at,
                   (select string_agg(v.control, ';' order by v.global_sequence, v.violation_id)
                    from access_violation v
                    where v.grant_id = g.grant_id and v.global_sequence <= :cut
                        and v.global_sequence <> all(cast(:outside as bigint[]))) as violations,
                   g.occurred_at, g.recorded_at, g.event_id, o.sequence, o.leaf_hash, a.sequence as as_of_sequence
            from access_grant g
            join ledger_entry o on o.event_id = g.event_id and o.sequence < :treeSize
            join lateral (select * from access_history h
                          where h.grant_id = g.grant_id and h.global_sequence <= :cut
                            and h.global_sequence <> all(cast(:outside as bigint[]))
                          order by h.global_sequence desc limit 1) h on true
            left join ledger_entry a on a.event_id = h.event_id
            where g.occurred_at >= :from and g.occurred_at < :to""", "g.occurred_at, g.global_sequence");

    private final String path;
    private final String mappingVersion;
    private final String title;
    private final String subjectColumn;
    private final List<String> filters;
    private final List<String> columns;
    private final List<AttestedColumn> attested;
    private final String select;
    private final String orderBy;

    Population(String path, String mappingVersion, String title, String subjectColumn, List<String> filters,
               List<String> columns, List<AttestedColumn> attested, String select, String orderBy) {
        this.path = path;
        this.mappingVersion = mappingVersion;
        this.title = title;
        this.subjectColumn = subjectColumn;
        this.filters = filters;
        this.columns = columns;
        this.attested = attested;
        this.select = select;
        this.orderBy = orderBy;
    }

    /** One row's values in the order of {@link #columns()}. */
    List<Object> row(ResultSet rs) throws SQLException {
        return values(rs);
    }

    String path() {
        return path;
    }

    String mappingVersion() {
        return mappingVersion;
    }

    String title() {
        return title;
    }

    /** The column that says what a row is about, for the PDF's tables: a change's service, a grant's system. */
    String subjectColumn() {
        return subjectColumn;
    }

    /** The columns a request may filter on, by equality. */
    List<String> filters() {
        return filters;
    }

    List<String> columns() {
        return columns;
    }

    List<AttestedColumn> attested() {
        return attested;
    }

    /** The rows' statement; a filter on a column is {@code and <alias>.<column> = :<column>}. */
    String sql(ExportRequest request) {
        StringBuilder sql = new StringBuilder(select);
        String alias = this == CHANGES ? "c" : "g";
        for (String filter : filters) {
            if (request.filters().containsKey(filter)) {
                sql.append(" and ").append(alias).append('.').append(filter).append(" = :").append(filter);
            }
        }
        return sql.append(" order by ").append(orderBy).toString();
    }

    /** The result's columns in order, as text, whole numbers and booleans; instants in ISO-8601, hashes in hex. */
    private static List<Object> values(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Object> values = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            int type = meta.getColumnType(i);
            if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                OffsetDateTime time = rs.getObject(i, OffsetDateTime.class);
                values.add(time == null ? null : time.toInstant().toString());
                continue;
            }
            Object value = rs.getObject(i);
            if (value instanceof byte[] bytes) {
                values.add(Digest.of(bytes).hex());
            } else if (value instanceof Number number) {
                values.add(number.longValue());
            } else {
                values.add(value == null || value instanceof Boolean ? value : value.toString());
            }
        }
        return values;
    }

    private static AttestedColumn text(String column, String... pointers) {
        return new AttestedColumn(column, List.of(pointers), AttestedColumn.TEXT);
    }

    private static AttestedColumn instant(String column, String... pointers) {
        return new AttestedColumn(column, List.of(pointers), AttestedColumn.INSTANT);
    }
}
