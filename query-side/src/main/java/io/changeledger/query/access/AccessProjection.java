package io.changeledger.query.access;

import io.changeledger.events.access.AccessApproved;
import io.changeledger.events.access.AccessCertified;
import io.changeledger.events.access.AccessDenied;
import io.changeledger.events.access.AccessEvent;
import io.changeledger.events.access.AccessExpired;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.access.AccessPolicy;
import io.changeledger.events.access.AccessRequested;
import io.changeledger.events.access.AccessReviewCompleted;
import io.changeledger.events.access.AccessReviewDecided;
import io.changeledger.events.access.AccessReviewEvent;
import io.changeledger.events.access.AccessReviewOverdue;
import io.changeledger.events.access.AccessReviewStarted;
import io.changeledger.events.access.AccessRevoked;
import io.changeledger.events.access.AccessUsed;
import io.changeledger.events.access.AccessViolationDetected;
import io.changeledger.events.access.BreakGlassReviewCompleted;
import io.changeledger.events.access.BreakGlassReviewOpened;
import io.changeledger.events.access.BreakGlassReviewOverdue;
import io.changeledger.events.access.StandingAccessGranted;
import io.changeledger.events.access.StandingAccessRemoved;
import io.changeledger.events.change.Control;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.projection.HistorySummary;
import io.changeledger.query.projection.LedgerProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;


/**
 * Keeps the grants, their history, approvals, sessions and violations, and the access reviews. As for changes,
 * each grant event is one SQL statement: the grant's row is inserted, updated or read in a CTE, whatever else the
 * event adds hangs off it, and the history row copies the grant's status after the event.
 */
@Component
class AccessProjection implements LedgerProjection {

    private static final String HISTORY = """
            insert into access_history (grant_id, global_sequence, event_id, type, actor, occurred_at, recorded_at,
                summary, status_after)
            select c.grant_id, :globalSequence, :eventId, :type, :actor, :occurredAt, :recordedAt,
                cast(:summary as jsonb), c.status
            from c""";

    private static final String CREATE_COLUMNS = """
            grant_id, kind, status, principal, system, resource, role, privileged, break_glass, source_system,
            required_approvals, max_duration, break_glass_max_duration, review_deadline, review_interval,
            occurred_at, recorded_at, event_id, global_sequence""";

    private static final String CREATE_VALUES = """
            :grantId, :kind, :status, :principal, :system, :resource, :role, :privileged, :breakGlass,
            :sourceSystem, :requiredApprovals, :maxDuration, :breakGlassMaxDuration, :reviewDeadline,
            :reviewInterval, :occurredAt, :recordedAt, :eventId, :globalSequence""";

    private static final String REQUEST = statement("""
            insert into access_grant (%s, justification, requested_duration, change_id, incident_id, requested_by)
            values (%s, :justification, :requestedDuration, :changeId, :incidentId, :actor)
            returning *""".formatted(CREATE_COLUMNS, CREATE_VALUES), null);

    /** Standing access holds from when the IAM system says it was assigned: it is granted as it enters. */
    private static final String STANDING = statement("""
            insert into access_grant (%s, assigned_by, granted_by, approvers, valid_from, granted_recorded_at)
            values (%s, :actor, :actor,
                case when cast(:approvedBy as text) is null then '{}' else array[cast(:approvedBy as text)] end,
                :occurredAt, :recordedAt)
            returning *""".formatted(CREATE_COLUMNS, CREATE_VALUES), decision("APPROVED", ":approvedBy", """
            where cast(:approvedBy as text) is not null"""));

    private static final String APPROVE = statement(update(
            "approvers = array_append(approvers, cast(:actor as text))"), decision("APPROVED", ":actor", ""));

    private static final String DENY = statement(update(
            "status = case when status = 'REQUESTED' then 'DENIED' else status end"),
            decision("DENIED", ":actor", ""));

    private static final String GRANT = statement(update("""
            status = case when status = 'REQUESTED' then 'ACTIVE' else status end, granted_by = :actor,
            valid_from = :validFrom, valid_until = :validUntil, granted_recorded_at = :recordedAt"""), null);

    private static final String USE = statement(current(), """
            insert into access_session (grant_id, session_id, started_at, ended_at, source_system, occurred_at,
                recorded_at, last_recorded_at)
            select c.grant_id, :sessionId, :startedAt, :endedAt, :sourceSystem, :occurredAt, :recordedAt, :recordedAt
            from c
            on conflict (grant_id, session_id) do update
            set ended_at = coalesce(excluded.ended_at, access_session.ended_at),
                last_recorded_at = excluded.last_recorded_at""");

    private static final String REVOKE = statement(update(endEarly(AccessStatus.REVOKED) + """
            , revoked_by = :actor, revoke_reason = :reason, revoke_review_id = :reviewId, revoked_at = :occurredAt"""),
            null);

    private static final String REMOVE = statement(update(endEarly(AccessStatus.REMOVED) + ", removed_by = :actor"),
            null);

    /** The expiry confirms the end the window already set; a grant revoked before it stays revoked. */
    private static final String EXPIRE = statement(update("""
            status = case when status = 'ACTIVE' then 'EXPIRED' else status end,
            end_reason = coalesce(end_reason, 'EXPIRED'),
            end_recorded_at = coalesce(end_recorded_at, :recordedAt)"""), null);

    private static final String CERTIFY = statement(update("""
            last_certified_at = greatest(last_certified_at, :occurredAt),
            last_certified_review_id = case when last_certified_at > :occurredAt then last_certified_review_id
                else :reviewId end,
            last_certified_by = case when last_certified_at > :occurredAt then last_certified_by else :actor end"""),
            null);

    private static final String OPEN_BREAK_GLASS_REVIEW = statement(update("""
            break_glass_review_status = 'OPEN', break_glass_review_due_at = :dueAt"""), null);

    private static final String BREAK_GLASS_REVIEW_OVERDUE = statement(update("""
            break_glass_review_overdue = true, break_glass_review_due_at = :dueAt"""), null);

    private static final String COMPLETE_BREAK_GLASS_REVIEW = statement(update("""
            break_glass_review_status = 'COMPLETED', break_glass_reviewer = :actor,
            break_glass_review_outcome = :outcome, break_glass_review_notes = :notes,
            break_glass_reviewed_at = :occurredAt"""), null);

    private static final String DETECT_VIOLATION = statement(current(), """
            insert into access_violation (grant_id, violation_id, control, detail, reference, occurred_at,
                recorded_at, global_sequence)
            select c.grant_id, :violationId, :control, :detail, :reference, :occurredAt, :recordedAt, :globalSequence
            from c
            on conflict (grant_id, violation_id) do nothing""");

    private static final String START_REVIEW = """
            with r as (
                insert into access_review (review_id, system, reviewer, due_at, started_by, started_at, recorded_at,
                    event_id, global_sequence)
                values (:reviewId, :system, :reviewer, :dueAt, :startedBy, :occurredAt, :recordedAt, :eventId,
                    :globalSequence)
                returning review_id)
            insert into access_review_item (review_id, grant_id, position, principal, role, privileged)
            select r.review_id, i.item ->> 'grantId', i.position, i.item ->> 'principal', i.item ->> 'role',
                cast(i.item ->> 'privileged' as boolean)
            from r cross join jsonb_array_elements(cast(:grants as jsonb)) with ordinality as i(item, position)""";

    private static final String DECIDE_REVIEW = """
            update access_review_item
            set decision = :decision, reviewer = :reviewer, notes = :notes, decided_at = :occurredAt,
                decision_recorded_at = :recordedAt
            where review_id = :reviewId and grant_id = :grantId""";

    private static final String COMPLETE_REVIEW = """
            update access_review set completed_at = :occurredAt, completion_recorded_at = :recordedAt
            where review_id = :reviewId""";

    /** One violation per grant the review left undecided, hung on the grant so that its answers show it. */
    private static final String REVIEW_OVERDUE = """
            with r as (
                update access_review set overdue = true, overdue_at = :occurredAt, due_at = :dueAt
                where review_id = :reviewId
                returning review_id)
            insert into access_violation (grant_id, violation_id, control, detail, reference, occurred_at,
                recorded_at, global_sequence)
            select u.grant_id, :violationId, :control, :detail, :reviewId, :occurredAt, :recordedAt, :globalSequence
            from jsonb_array_elements_text(cast(:grantIds as jsonb)) as u(grant_id)
            on conflict (grant_id, violation_id) do nothing""";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    AccessProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void on(LedgerEnvelope envelope) {
        if (envelope.event() instanceof AccessEvent event) {
            on(event, envelope);
        } else if (envelope.event() instanceof AccessReviewEvent event) {
            on(event, envelope);
        }
    }

    private void on(AccessEvent event, LedgerEnvelope envelope) {
        Params params = common(envelope).text("grantId", event.grantId());
        HistorySummary summary = new HistorySummary();
        String sql;
        String actor;
        if (event instanceof AccessRequested requested) {
            actor = requested.requestedBy();
            created(params, requested.breakGlass() ? AccessKind.BREAK_GLASS : AccessKind.REQUESTED,
                    AccessStatus.REQUESTED, requested.principal(), requested.system(), requested.resource(),
                    requested.role(), requested.privileged(), requested.sourceSystem(), requested.policy());
            params.text("justification", requested.justification())
                    .text("requestedDuration", requested.requestedDuration().toString())
                    .text("changeId", requested.changeId()).text("incidentId", requested.incidentId());
            summary.put("principal", requested.principal()).put("system", requested.system())
                    .put("resource", requested.resource()).put("role", requested.role())
                    .put("privileged", requested.privileged()).put("breakGlass", requested.breakGlass())
                    .put("justification", requested.justification())
                    .put("requestedDuration", requested.requestedDuration().toString())
                    .put("changeId", requested.changeId()).put("incidentId", requested.incidentId())
                    .put("sourceSystem", requested.sourceSystem());
            sql = REQUEST;
        } else if (event instanceof StandingAccessGranted standing) {
            actor = standing.assignedBy();
            created(params, AccessKind.STANDING, AccessStatus.ACTIVE, standing.principal(), standing.system(),
                    standing.resource(), standing.role(), standing.privileged(), standing.sourceSystem(),
                    standing.policy());
            params.text("approvedBy", standing.approvedBy()).text("reason", (String) null);
            summary.put("principal", standing.principal()).put("system", standing.system())
                    .put("resource", standing.resource()).put("role", standing.role())
                    .put("privileged", standing.privileged()).put("sourceSystem", standing.sourceSystem())
                    .put("approvedBy", standing.approvedBy());
            sql = STANDING;
        } else if (event instanceof AccessApproved approved) {
            actor = approved.approver();
            params.text("reason", approved.reason());
            summary.put("reason", approved.reason());
            sql = APPROVE;
        } else if (event instanceof AccessDenied denied) {
            actor = denied.deniedBy();
            params.text("reason", denied.reason());
            summary.put("reason", denied.reason());
            sql = DENY;
        } else if (event instanceof AccessGranted granted) {
            actor = granted.grantedBy();
            params.time("validFrom", granted.validFrom()).time("validUntil", granted.validUntil());
            summary.put("validFrom", granted.validFrom()).put("validUntil", granted.validUntil());
            sql = GRANT;
        } else if (event instanceof AccessUsed used) {
            actor = null;
            params.text("sessionId", used.sessionId()).time("startedAt", used.startedAt())
                    .time("endedAt", used.endedAt()).text("sourceSystem", used.sourceSystem());
            summary.put("sessionId", used.sessionId()).put("startedAt", used.startedAt())
                    .put("endedAt", used.endedAt()).put("sourceSystem", used.sourceSystem());
            sql = USE;
        } else if (event instanceof AccessRevoked revoked) {
            actor = revoked.revokedBy();
            params.text("reason", revoked.reason()).text("reviewId", revoked.reviewId());
            summary.put("reason", revoked.reason()).put("reviewId", revoked.reviewId());
            sql = REVOKE;
        } else if (event instanceof AccessExpired) {
            actor = null;
            sql = EXPIRE;
        } else if (event instanceof StandingAccessRemoved removed) {
            actor = removed.removedBy();
            summary.put("sourceSystem", removed.sourceSystem());
            sql = REMOVE;
        } else if (event instanceof AccessCertified certified) {
            actor = certified.reviewer();
            params.text("reviewId", certified.reviewId());
            summary.put("reviewId", certified.reviewId()).put("notes", certified.notes());
            sql = CERTIFY;
        } else if (event instanceof BreakGlassReviewOpened opened) {
            actor = null;
            params.time("dueAt", opened.dueAt());
            summary.put("dueAt", opened.dueAt());
            sql = OPEN_BREAK_GLASS_REVIEW;
        } else if (event instanceof BreakGlassReviewOverdue overdue) {
            actor = null;
            params.time("dueAt", overdue.dueAt());
            summary.put("dueAt", overdue.dueAt());
            sql = BREAK_GLASS_REVIEW_OVERDUE;
        } else if (event instanceof BreakGlassReviewCompleted review) {
            actor = review.reviewer();
            params.text("outcome", review.outcome()).text("notes", review.notes());
            summary.put("outcome", review.outcome()).put("notes", review.notes());
            sql = COMPLETE_BREAK_GLASS_REVIEW;
        } else if (event instanceof AccessViolationDetected violation) {
            actor = null;
            params.text("violationId", violation.violationId()).text("control", violation.control())
                    .text("detail", violation.detail()).text("reference", violation.reference());
            summary.put("violationId", violation.violationId()).put("control", violation.control())
                    .put("detail", violation.detail()).put("reference", violation.reference());
            sql = DETECT_VIOLATION;
        } else {
            throw new IllegalStateException("no projection of " + envelope.type());
        }
        params.text("actor", actor).json("summary", json.writeValueAsString(summary.values()));
        jdbc.sql(sql).paramSource(params).update();
    }

    private void on(AccessReviewEvent event, LedgerEnvelope envelope) {
        Params params = common(envelope).text("reviewId", event.reviewId());
        String sql;
        if (event instanceof AccessReviewStarted started) {
            params.text("system", started.system()).text("reviewer", started.reviewer())
                    .time("dueAt", started.dueAt()).text("startedBy", started.startedBy())
                    .json("grants", json.writeValueAsString(started.grants()));
            sql = START_REVIEW;
        } else if (event instanceof AccessReviewDecided decided) {
            params.text("grantId", decided.grantId()).text("decision", decided.decision())
                    .text("reviewer", decided.reviewer()).text("notes", decided.notes());
            sql = DECIDE_REVIEW;
        } else if (event instanceof AccessReviewCompleted) {
            sql = COMPLETE_REVIEW;
        } else if (event instanceof AccessReviewOverdue overdue) {
            params.time("dueAt", overdue.dueAt())
                    .json("grantIds", json.writeValueAsString(overdue.undecidedGrantIds()))
                    .text("violationId", Control.ACCESS_REVIEW_ON_SCHEDULE.name() + "-" + overdue.reviewId())
                    .text("control", Control.ACCESS_REVIEW_ON_SCHEDULE)
                    .text("detail", "access review " + overdue.reviewId() + " was due " + overdue.dueAt()
                            + " and had not decided on this grant");
            sql = REVIEW_OVERDUE;
        } else {
            throw new IllegalStateException("no projection of " + envelope.type());
        }
        jdbc.sql(sql).paramSource(params).update();
    }

    private static Params common(LedgerEnvelope envelope) {
        Params params = new Params();
        params.uuid("eventId", envelope.eventId())
                .text("type", envelope.type())
                .bigint("globalSequence", envelope.globalSequence())
                .time("occurredAt", envelope.event().occurredAt())
                .time("recordedAt", envelope.recordedAt());
        return params;
    }

    private static void created(Params params, AccessKind kind, AccessStatus status, String principal, String system,
                                String resource, String role, boolean privileged, String sourceSystem,
                                AccessPolicy policy) {
        params.text("kind", kind).text("status", status).text("principal", principal).text("system", system)
                .text("resource", resource).text("role", role).bool("privileged", privileged)
                .bool("breakGlass", kind == AccessKind.BREAK_GLASS).text("sourceSystem", sourceSystem)
                .integer("requiredApprovals", policy.requiredApprovals())
                .text("maxDuration", policy.maxDuration().toString())
                .text("breakGlassMaxDuration", policy.breakGlassMaxDuration().toString())
                .text("reviewDeadline", policy.reviewDeadline().toString())
                .text("reviewInterval", policy.reviewInterval().toString());
    }

    /**
     * A revocation or removal ends the grant only if it comes before the grant's current end: one after the window
     * (whose expiry was simply not recorded yet) leaves the grant expired, and one reported late, after the expiry,
     * still moves the end back to when it really happened. Every assignment reads the row as it was before.
     */
    private static String endEarly(AccessStatus status) {
        String earlier = "status <> 'DENIED' and :occurredAt < coalesce(ended_at, valid_until, 'infinity')";
        return """
                status = case when %1$s then '%2$s' else status end,
                end_reason = case when %1$s then '%2$s' else end_reason end,
                end_recorded_at = case when %1$s then :recordedAt else end_recorded_at end,
                ended_at = case when %1$s then :occurredAt else ended_at end""".formatted(earlier, status.name());
    }

    private static String statement(String grant, String effect) {
        return "with c as (\n" + grant + "\n)" + (effect == null ? "" : ", effect as (\n" + effect + "\n)") + "\n"
                + HISTORY;
    }

    private static String update(String assignments) {
        return "update access_grant set " + assignments + " where grant_id = :grantId returning *";
    }

    /** For events that add to a grant without changing its row. */
    private static String current() {
        return "select * from access_grant where grant_id = :grantId";
    }

    private static String decision(String decision, String approver, String condition) {
        return """
                insert into access_approval (grant_id, global_sequence, event_id, decision, approver, reason,
                    occurred_at, recorded_at)
                select c.grant_id, :globalSequence, :eventId, '%s', %s, :reason, :occurredAt, :recordedAt
                from c
                %s""".formatted(decision, approver, condition);
    }
}
