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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Looks for anomalies when asked rather than storing them: whether a session ran past its grant depends on events
 * of the grant that may come after the session's, and whether something is overdue depends on now.
 */
@Component
class AccessAnomalyQueries {

    private static final String SESSION_COLUMNS = """
            g.grant_id, g.principal, g.system, g.role, s.session_id, s.started_at as session_started_at,
                s.ended_at as session_ended_at, g.valid_from, nullif(g.effective_end, 'infinity') as until,
                cast(null as timestamptz) as certified_at, cast(null as timestamptz) as due_at,
                cast(null as text) as review_status, false as overdue, s.started_at as at
            from access_session s join access_grant g on g.grant_id = s.grant_id
            """;

    private static final String GRANT_COLUMNS = """
            g.grant_id, g.principal, g.system, g.role, cast(null as text) as session_id,
                cast(null as timestamptz) as session_started_at, cast(null as timestamptz) as session_ended_at,
                g.valid_from, nullif(g.effective_end, 'infinity') as until, g.last_certified_at as certified_at,
                g.break_glass_review_due_at as due_at, g.break_glass_review_status as review_status,
                g.break_glass_review_overdue or g.break_glass_review_due_at < :now as overdue,
            """;

    private static final Map<AnomalyType, String> SEARCHES = new EnumMap<>(Map.of(
            AnomalyType.SESSION_OUTSIDE_GRANT_WINDOW, SESSION_COLUMNS + """
                     where (g.valid_from is null or s.started_at < g.valid_from or s.started_at >= g.effective_end)""",
            // only once the grant has ended: until then a session still open is simply in use
            AnomalyType.SESSION_PAST_EXPIRY, SESSION_COLUMNS + """
                     where s.started_at >= g.valid_from and s.started_at < g.effective_end and g.effective_end <= :now
                      and (s.ended_at is null or s.ended_at > g.effective_end)""",
            AnomalyType.STANDING_PRIVILEGED_UNREVIEWED, GRANT_COLUMNS + """
                     coalesce(g.last_certified_at, g.valid_from) as at
                    from access_grant g
                    where g.kind = 'STANDING' and g.privileged and g.valid_from <= :now and g.effective_end > :now
                      and coalesce(g.last_certified_at, g.valid_from) < :reviewedSince""",
            // a break-glass grant without a review opened is as unreviewed as one whose review is open
            AnomalyType.BREAK_GLASS_UNREVIEWED, GRANT_COLUMNS + """
                     coalesce(g.break_glass_review_due_at, g.valid_from) as at
                    from access_grant g
                    where g.break_glass and g.valid_from is not null
                      and coalesce(g.break_glass_review_status, 'OPEN') = 'OPEN'"""));

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;

    AccessAnomalyQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    Page<AccessAnomaly> handle(FindAccessAnomaliesQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<AccessAnomaly> answer(FindAccessAnomaliesQuery query) {
        Instant now = clock.instant();
        Params params = new Params();
        params.time("now", now).time("reviewedSince", now.minus(Duration.ofDays(query.days())))
                .text("system", query.system());
        List<String> searches = new ArrayList<>();
        SEARCHES.forEach((type, search) -> {
            if (query.type() == null || query.type() == type) {
                searches.add("select '" + type.name() + "' as type, " + type.ordinal() + " as type_order, " + search
                        + (query.system() == null ? "" : " and g.system = :system"));
            }
        });
        return Paging.page(jdbc, "a.*", "from (" + String.join("\nunion all\n", searches) + ") a",
                "a.type_order, a.at, a.grant_id, a.session_id nulls first", params, query.page(), query.size(),
                anomaly(query.days()));
    }

    private static RowMapper<AccessAnomaly> anomaly(int days) {
        return (rs, row) -> {
            AnomalyType type = Rows.enumeration(rs, "type", AnomalyType.class);
            String session = rs.getString("session_id");
            Instant started = Rows.instant(rs, "session_started_at");
            Instant ended = Rows.instant(rs, "session_ended_at");
            Instant from = Rows.instant(rs, "valid_from");
            Instant until = Rows.instant(rs, "until");
            Instant certified = Rows.instant(rs, "certified_at");
            Instant due = Rows.instant(rs, "due_at");
            String detail = switch (type) {
                case SESSION_OUTSIDE_GRANT_WINDOW -> from == null
                        ? "session " + session + " started at " + started + " on access that was never granted"
                        : started.isBefore(from)
                        ? "session " + session + " started at " + started + ", before the grant began at " + from
                        : "session " + session + " started at " + started + ", after the grant ended at " + until;
                case SESSION_PAST_EXPIRY -> ended == null
                        ? "session " + session + " started at " + started + " and had not ended when the grant"
                        + " ended at " + until
                        : "session " + session + " ran until " + ended + ", past the grant's end at " + until;
                case STANDING_PRIVILEGED_UNREVIEWED -> (certified == null
                        ? "standing privileged access granted at " + from + " was never certified"
                        : "standing privileged access was last certified at " + certified)
                        + ", more than " + days + " days ago";
                case BREAK_GLASS_UNREVIEWED -> rs.getString("review_status") == null
                        ? "break-glass access granted at " + from + " has no review"
                        : rs.getBoolean("overdue")
                        ? "the review of break-glass access was due at " + due + " and is overdue"
                        : "the review of break-glass access is open, due at " + due;
            };
            return new AccessAnomaly(type, rs.getString("grant_id"), rs.getString("principal"),
                    rs.getString("system"), rs.getString("role"), session, Rows.instant(rs, "at"), detail);
        };
    }
}
