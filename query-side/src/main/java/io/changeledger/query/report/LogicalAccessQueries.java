package io.changeledger.query.report;

import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.report.LogicalAccessReport.AccessException;
import io.changeledger.query.report.LogicalAccessReport.Grant;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The logical-access report. Grants are read with what the ledger knew of them at the report's moment: the status of
 * their last event recorded by then, and only the approvals, violations, reviews, ends and sessions recorded by
 * then. The grant's row holds only its latest state, so the break-glass review and the end of the grant are read
 * from its history, whose rows carry when each was recorded. The checks themselves are judged here, grant by grant:
 * a period's grants are thousands, not millions.
 */
@Component
class LogicalAccessQueries {

    static final String REPORT = "logical-access";

    static final String APPROVED = "accessApproved";
    static final String PRIVILEGED = "privilegedAccessBounded";
    static final String BREAK_GLASS = "breakGlassReviewed";
    static final String REVIEWS = "accessReviewsOnSchedule";
    static final String REMOVED = "accessRemovedOnTime";

    static final List<String> CHECKS = List.of(APPROVED, PRIVILEGED, BREAK_GLASS, REVIEWS, REMOVED);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;
    private final FrameworkMappings mappings;

    LogicalAccessQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock, FrameworkMappings mappings) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
        this.mappings = mappings;
    }

    LogicalAccessReport handle(FindLogicalAccessReportQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private LogicalAccessReport answer(FindLogicalAccessReportQuery query) {
        Instant generatedAt = clock.instant();
        Instant asOf = query.asOf();
        Instant now = asOf == null ? generatedAt : asOf;
        Params params = new Params();
        params.time("from", query.from()).time("to", query.to()).time("asOf", asOf).time("now", now);
        String systems = "";
        if (!query.systems().isEmpty()) {
            systems = " and %s.system in (:systems)";
            params.texts("systems", query.systems());
        }
        List<GrantRow> grants = jdbc.sql(grants(asOf, systems.formatted("g"))).paramSource(params)
                .query(GRANT).list();
        List<ReviewRow> reviews = jdbc.sql(reviews(asOf, systems.formatted("r"))).paramSource(params)
                .query(REVIEW).list();

        Tally approved = new Tally();
        Tally privileged = new Tally();
        Tally breakGlass = new Tally();
        Tally removed = new Tally();
        long requested = 0;
        long breakGlassGrants = 0;
        long standing = 0;
        long privilegedGrants = 0;
        long granted = 0;
        long denied = 0;
        long approvals = 0;
        for (GrantRow grant : grants) {
            switch (grant.kind()) {
                case "REQUESTED" -> requested++;
                case "BREAK_GLASS" -> breakGlassGrants++;
                default -> standing++;
            }
            privilegedGrants += grant.privileged() ? 1 : 0;
            denied += grant.status().equals("DENIED") ? 1 : 0;
            approvals += grant.approvers().size();
            if (!grant.granted()) {
                continue;
            }
            granted++;
            if (!grant.kind().equals("BREAK_GLASS")) {
                // standing access is approved once in the IAM system, whatever the policy asks of requests
                int needed = grant.kind().equals("STANDING") ? 1 : grant.requiredApprovals();
                String missing = grant.approvers().size() < needed ? grant.approvers().size() + " of " + needed
                        + " approvals by someone other than the principal and the requester" : null;
                approved.judge(grant, grant.violations("ACCESS_APPROVAL"), missing, false);
            }
            if (grant.privileged()) {
                privileged.judge(grant, grant.violations("PRIVILEGED_ACCESS_BOUNDED"), null, false);
            }
            if (grant.kind().equals("BREAK_GLASS")) {
                String failure = null;
                boolean pending = false;
                if (grant.reviewedAt() != null) {
                    if ("REJECTED".equals(grant.reviewOutcome())) {
                        failure = "the review by " + grant.reviewer() + " rejected the break-glass access";
                    }
                } else if (grant.reviewDueAt() == null) {
                    failure = "no review of the break-glass access was opened";
                } else if (grant.reviewDueAt().isBefore(now)) {
                    failure = "the review was due at " + grant.reviewDueAt() + " and is not completed";
                } else {
                    pending = true;
                }
                breakGlass.judge(grant, grant.violations("BREAK_GLASS_REVIEW"), failure, pending);
            }
            if (grant.validUntil() != null) {
                Instant end = grant.endedAt() == null || grant.validUntil().isBefore(grant.endedAt())
                        ? grant.validUntil() : grant.endedAt();
                String failure = null;
                if (grant.sessionsPastEnd() > 0) {
                    failure = grant.sessionsPastEnd() + " session(s) ran past the grant's end at " + end;
                } else if (grant.endedAt() == null && !grant.validUntil().isAfter(now)) {
                    failure = "the window ended at " + grant.validUntil() + " and no expiry or revocation was"
                            + " recorded";
                }
                removed.judge(grant, List.of(), failure, failure == null && end.isAfter(now));
            }
        }

        long done = 0;
        long late = 0;
        long overdue = 0;
        long pendingReviews = 0;
        List<AccessException> reviewExceptions = new ArrayList<>();
        for (ReviewRow review : reviews) {
            String failure = null;
            if (review.completedAt() != null) {
                if (review.completedAt().isAfter(review.dueAt())) {
                    late++;
                    failure = "due at " + review.dueAt() + ", completed at " + review.completedAt();
                } else {
                    done++;
                }
            } else if (review.dueAt().isBefore(now)) {
                overdue++;
                failure = "due at " + review.dueAt() + " and not completed; " + (review.items() - review.decided())
                        + " of " + review.items() + " grants undecided";
            } else {
                pendingReviews++;
            }
            if (failure != null && reviewExceptions.size() < query.listLimit()) {
                reviewExceptions.add(new AccessException(null, review.reviewId(), null, review.reviewer(),
                        review.system(), null, review.dueAt(), failure, null));
            }
        }

        int limit = query.listLimit();
        List<CheckResult<AccessException>> checks = List.of(
                approved.result(APPROVED, limit),
                privileged.result(PRIVILEGED, limit),
                breakGlass.result(BREAK_GLASS, limit),
                CheckResult.of(REVIEWS, reviews.size(), late + overdue, pendingReviews, reviewExceptions),
                removed.result(REMOVED, limit));
        Map<String, Double> rates = new LinkedHashMap<>();
        checks.forEach(check -> rates.put(check.check(), check.rate()));
        LogicalAccessReport.Summary summary = new LogicalAccessReport.Summary(grants.size(), requested,
                breakGlassGrants, standing, privilegedGrants, granted, denied, grants.size() - granted - denied,
                approvals, new LogicalAccessReport.Reviews(reviews.size(), done, late, overdue, pendingReviews), rates);
        List<Grant> listed = grants.stream().limit(limit).map(GrantRow::grant).toList();
        return new LogicalAccessReport(query.from(), query.to(), query.systems(), asOf, generatedAt, summary, listed,
                listed.size() < grants.size(), checks, mappings.of(query.mappingVersion(), REPORT, CHECKS));
    }

    /** One check's counts and exceptions, in the grants' order. */
    private static final class Tally {

        private long applicable;
        private long failed;
        private long pending;
        private final List<AccessException> exceptions = new ArrayList<>();

        /**
         * @param violations the violations of the check's control, which fail it whatever else holds
         * @param failure    what else failed, or null
         */
        void judge(GrantRow grant, List<JsonNode> violations, String failure, boolean pendingNow) {
            applicable++;
            List<String> details = new ArrayList<>();
            violations.forEach(violation -> details.add(violation.get("detail").asString()));
            if (failure != null) {
                details.add(failure);
            }
            if (details.isEmpty()) {
                pending += pendingNow ? 1 : 0;
                return;
            }
            failed++;
            exceptions.add(new AccessException(grant.grantId(), null, grant.kind(), grant.principal(),
                    grant.system(), grant.role(), grant.occurredAt(), String.join("; ", details),
                    violations.isEmpty() ? null
                            : violations.stream().map(violation -> violation.get("violationId").asString()).toList()));
        }

        CheckResult<AccessException> result(String check, int limit) {
            return CheckResult.of(check, applicable, failed, pending,
                    exceptions.subList(0, Math.min(limit, exceptions.size())));
        }
    }

    private record GrantRow(String grantId, String kind, String status, String principal, String system, String role,
                            boolean privileged, int requiredApprovals, Instant occurredAt, boolean granted,
                            String grantedBy, Instant validFrom, Instant validUntil, List<String> approvers,
                            JsonNode violations, Instant reviewedAt, String reviewOutcome, String reviewer,
                            Instant reviewDueAt, Instant endedAt, long sessionsPastEnd) {

        List<JsonNode> violations(String control) {
            List<JsonNode> matching = new ArrayList<>();
            violations.forEach(violation -> {
                if (control.equals(violation.get("control").asString())) {
                    matching.add(violation);
                }
            });
            return matching;
        }

        Grant grant() {
            return new Grant(grantId, kind, status, principal, system, role, privileged, occurredAt, grantedBy,
                    approvers, requiredApprovals, validFrom, validUntil);
        }
    }

    private record ReviewRow(String reviewId, String system, String reviewer, Instant dueAt, Instant completedAt,
                             long items, long decided) {
    }

    private static final RowMapper<GrantRow> GRANT = (rs, row) -> new GrantRow(rs.getString("grant_id"),
            rs.getString("kind"), rs.getString("status"), rs.getString("principal"), rs.getString("system"),
            rs.getString("role"), rs.getBoolean("privileged"), rs.getInt("required_approvals"),
            Rows.instant(rs, "occurred_at"), rs.getBoolean("granted"), rs.getString("granted_by"),
            Rows.instant(rs, "valid_from"), Rows.instant(rs, "valid_until"), Rows.texts(rs, "approvers"),
            JSON.readTree(rs.getString("violations")), Rows.instant(rs, "reviewed_at"),
            rs.getString("review_outcome"), rs.getString("reviewer"), Rows.instant(rs, "review_due_at"),
            Rows.instant(rs, "ended_at"), rs.getLong("sessions_past_end"));

    private static final RowMapper<ReviewRow> REVIEW = (rs, row) -> new ReviewRow(rs.getString("review_id"),
            rs.getString("system"), rs.getString("reviewer"), Rows.instant(rs, "due_at"),
            Rows.instant(rs, "completed_at"), rs.getLong("items"), rs.getLong("decided"));

    private static String grants(Instant asOf, String systems) {
        Function<String, String> known = column -> asOf == null ? "" : " and " + column + " <= :asOf";
        return """
                select g.grant_id, g.kind, st.status, g.principal, g.system, g.role, g.privileged,
                    g.required_approvals, g.occurred_at, g.granted_recorded_at is not null%1$s as granted,
                    case when g.granted_recorded_at is not null%1$s then g.granted_by end as granted_by,
                    case when g.granted_recorded_at is not null%1$s then g.valid_from end as valid_from,
                    case when g.granted_recorded_at is not null%1$s then g.valid_until end as valid_until,
                    coalesce(ap.approvers, '{}') as approvers, coalesce(vi.violations, '[]') as violations,
                    bg.reviewed_at, bg.review_outcome, bg.reviewer, g.break_glass_review_due_at as review_due_at,
                    en.ended_at,
                    (select count(*) from access_session s where s.grant_id = g.grant_id%2$s
                        and s.started_at < least(g.valid_until, en.ended_at)
                        and coalesce(case when true%3$s then s.ended_at end, 'infinity')
                            > least(g.valid_until, en.ended_at)
                        and least(g.valid_until, en.ended_at) <= :now)
                        as sessions_past_end
                from access_grant g
                cross join lateral (select h.status_after as status from access_history h
                    where h.grant_id = g.grant_id%4$s order by h.global_sequence desc limit 1) st
                left join lateral (select array_agg(a.approver order by a.global_sequence) as approvers
                    from access_approval a where a.grant_id = g.grant_id and a.decision = 'APPROVED'
                      and a.approver <> g.principal and a.approver is distinct from g.requested_by%5$s) ap on true
                left join lateral (select json_agg(json_build_object('violationId', v.violation_id, 'control',
                        v.control, 'detail', v.detail) order by v.global_sequence) as violations
                    from access_violation v where v.grant_id = g.grant_id%6$s) vi on true
                left join lateral (select h.occurred_at as reviewed_at, h.summary ->> 'outcome' as review_outcome,
                        h.actor as reviewer
                    from access_history h where h.grant_id = g.grant_id and h.type = 'BreakGlassReviewCompleted'%4$s
                    order by h.global_sequence limit 1) bg on true
                left join lateral (select min(h.occurred_at) as ended_at from access_history h
                    where h.grant_id = g.grant_id
                      and h.type in ('AccessExpired', 'AccessRevoked', 'StandingAccessRemoved')%4$s) en on true
                where g.occurred_at >= :from and g.occurred_at < :to%7$s%8$s
                order by g.occurred_at, g.grant_id""".formatted(known.apply("g.granted_recorded_at"),
                known.apply("s.recorded_at"), known.apply("s.last_recorded_at"), known.apply("h.recorded_at"),
                known.apply("a.recorded_at"), known.apply("v.recorded_at"), systems,
                known.apply("g.recorded_at"));
    }

    private static String reviews(Instant asOf, String systems) {
        Function<String, String> known = column -> asOf == null ? "" : " and " + column + " <= :asOf";
        return """
                select r.review_id, r.system, r.reviewer, r.due_at,
                    case when r.completed_at is not null%1$s then r.completed_at end as completed_at,
                    (select count(*) from access_review_item i where i.review_id = r.review_id) as items,
                    (select count(*) from access_review_item i where i.review_id = r.review_id
                        and i.decision is not null%2$s) as decided
                from access_review r
                where r.due_at >= :from and r.due_at < :to%3$s%4$s
                order by r.due_at, r.review_id""".formatted(known.apply("r.completion_recorded_at"),
                known.apply("i.decision_recorded_at"), systems, known.apply("r.recorded_at"));
    }
}
