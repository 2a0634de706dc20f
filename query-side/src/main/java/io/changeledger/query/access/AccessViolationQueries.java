package io.changeledger.query.access;

import io.changeledger.events.change.Control;
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
import java.util.List;

/**
 * The access stream has no event that resolves a violation, so whether one is still open is read from what
 * remedies it on the ledger: the break-glass review done, a decision on the grant in the overdue access review, a
 * certification of the privileged grant (or its end), and for access nobody approved, the end of the access.
 */
@Component
class AccessViolationQueries {

    /** Violations with their grant and when they were remedied, for {@code from (…) v}; needs {@code :now}. */
    static final String VIOLATIONS = """
            select v.grant_id, v.violation_id, v.control, v.detail, v.reference, v.occurred_at, v.recorded_at,
                v.global_sequence, g.principal, g.system, g.role,
                case v.control
                    when 'BREAK_GLASS_REVIEW' then g.break_glass_reviewed_at
                    when 'ACCESS_REVIEW_ON_SCHEDULE' then (select i.decided_at from access_review_item i
                        where i.review_id = v.reference and i.grant_id = v.grant_id)
                    when 'PRIVILEGED_ACCESS_BOUNDED' then least((select min(h.occurred_at) from access_history h
                        where h.grant_id = v.grant_id and h.type = 'AccessCertified'
                          and h.occurred_at >= v.occurred_at), %1$s)
                    when 'ACCESS_APPROVAL' then %1$s
                end as remedied_at
            from access_violation v
            left join access_grant g on g.grant_id = v.grant_id""".formatted(
            "case when g.effective_end <= :now then g.effective_end end");

    static final RowMapper<AccessViolationView> VIOLATION = (rs, row) -> {
        Instant remediedAt = Rows.instant(rs, "remedied_at");
        return new AccessViolationView(rs.getString("grant_id"), rs.getString("violation_id"),
                Rows.enumeration(rs, "control", Control.class), rs.getString("detail"), rs.getString("reference"),
                Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at"), remediedAt == null, remediedAt,
                rs.getString("principal"), rs.getString("system"), rs.getString("role"));
    };

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;

    AccessViolationQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    Page<AccessViolationView> handle(FindAccessViolationsQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<AccessViolationView> answer(FindAccessViolationsQuery query) {
        Params params = new Params();
        params.time("now", clock.instant());
        List<String> conditions = new ArrayList<>();
        if (query.control() != null) {
            conditions.add("v.control = :control");
            params.text("control", query.control());
        }
        if (query.system() != null) {
            conditions.add("g.system = :system");
            params.text("system", query.system());
        }
        if (query.from() != null) {
            conditions.add("v.occurred_at >= :from");
            params.time("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("v.occurred_at < :to");
            params.time("to", query.to());
        }
        String violations = VIOLATIONS + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        String open = query.open() == null ? ""
                : query.open() ? " where v.remedied_at is null" : " where v.remedied_at is not null";
        return Paging.page(jdbc, "v.*", "from (" + violations + ") v" + open,
                "v.occurred_at desc, v.global_sequence desc, v.grant_id, v.violation_id", params, query.page(),
                query.size(), VIOLATION);
    }
}
