package io.changeledger.query.change;

import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeEvent;
import io.changeledger.events.change.ChangeFailed;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.ChangeRejected;
import io.changeledger.events.change.ChangeRequested;
import io.changeledger.events.change.ChangeRolledBack;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.ControlViolationDetected;
import io.changeledger.events.change.ControlViolationResolved;
import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.change.EvidenceAttached;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.change.RetrospectiveReviewCompleted;
import io.changeledger.events.change.RetrospectiveReviewOpened;
import io.changeledger.events.change.RetrospectiveReviewOverdue;
import io.changeledger.events.change.TimeWindow;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.projection.HistorySummary;
import io.changeledger.query.projection.LedgerProjection;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the changes, their history, approvals, evidence and control violations. Each event is one SQL statement:
 * the change's row is inserted, updated or read in a CTE, whatever else the event adds hangs off that CTE, and the
 * history row copies the change's state after the event from it, which is what "as known at T" reads.
 */
@Component
class ChangeProjection implements LedgerProjection {

    private static final String HISTORY = """
            insert into change_history (change_id, global_sequence, event_id, type, actor, occurred_at, recorded_at,
                summary, status_after, approval_count_after, started_at_after, finished_at_after,
                review_status_after, review_due_at_after, review_overdue_after, reviewer_after, review_notes_after,
                review_completed_at_after)
            select c.change_id, :globalSequence, :eventId, :type, :actor, :occurredAt, :recordedAt,
                cast(:summary as jsonb), c.status, c.approval_count, c.started_at, c.finished_at, c.review_status,
                c.review_due_at, c.review_overdue, c.reviewer, c.review_notes, c.review_completed_at
            from c""";

    private static final String CREATE = statement("""
            insert into production_change (change_id, kind, status, service, environment, version, artifact_digest,
                actor, requester, ticket, source_system, correlation_key, risk, emergency, planned_start, planned_end,
                production, required_approvals, segregation_of_duties, staging_required, review_deadline, started_at,
                finished_at, details, attributes, occurred_at, recorded_at, event_id, global_sequence,
                evidence_recorded_at, implemented_recorded_at)
            values (:changeId, :kind, :status, :service, :environment, :version, :artifactDigest, :actor, :actor,
                :ticket, :sourceSystem, :correlationKey, :risk, :emergency, :plannedStart, :plannedEnd, :production,
                :requiredApprovals, :segregationOfDuties, :stagingRequired, :reviewDeadline, :startedAt, :finishedAt,
                cast(:details as jsonb), cast(:attributes as jsonb), :occurredAt, :recordedAt, :eventId,
                :globalSequence, case when jsonb_array_length(cast(:evidence as jsonb)) > 0 then :recordedAt end,
                case when :status <> 'REQUESTED' then :recordedAt end)
            returning *""", """
            insert into change_evidence (change_id, global_sequence, position, type, url, sha256, description,
                attached_by, occurred_at, recorded_at)
            select c.change_id, :globalSequence, e.position, e.link ->> 'type', e.link ->> 'url', e.link ->> 'sha256',
                e.link ->> 'description', :actor, :occurredAt, :recordedAt
            from c cross join jsonb_array_elements(cast(:evidence as jsonb)) with ordinality as e(link, position)""");

    /** What a creation takes, in the order of {@link #CREATE_ALL}'s arrays. */
    private static final List<String> CREATED = List.of("changeId", "kind", "status", "service", "environment",
            "version", "artifactDigest", "actor", "ticket", "sourceSystem", "correlationKey", "risk", "emergency",
            "plannedStart", "plannedEnd", "production", "requiredApprovals", "segregationOfDuties", "stagingRequired",
            "reviewDeadline", "startedAt", "finishedAt", "details", "attributes", "occurredAt", "recordedAt",
            "eventId", "globalSequence", "evidence", "type", "summary");

    /**
     * {@link #CREATE} for a run of creations in one statement, each parameter an array with an element per event.
     * A run of a polled batch's recorded deployments was as many executions of the statement, and the dearest
     * statement PostgreSQL ran per event.
     */
    private static final String CREATE_ALL = """
            with i as (
                select * from unnest(%s) with ordinality as i(change_id, kind, status, service, environment, version,
                    artifact_digest, actor, ticket, source_system, correlation_key, risk, emergency, planned_start,
                    planned_end, production, required_approvals, segregation_of_duties, staging_required,
                    review_deadline, started_at, finished_at, details, attributes, occurred_at, recorded_at, event_id,
                    global_sequence, evidence, type, summary, n)
            ), c as (
                insert into production_change (change_id, kind, status, service, environment, version,
                    artifact_digest, actor, requester, ticket, source_system, correlation_key, risk, emergency,
                    planned_start, planned_end, production, required_approvals, segregation_of_duties,
                    staging_required, review_deadline, started_at, finished_at, details, attributes, occurred_at,
                    recorded_at, event_id, global_sequence, evidence_recorded_at, implemented_recorded_at)
                select change_id, kind, status, service, environment, version, artifact_digest, actor, actor, ticket,
                    source_system, correlation_key, risk, emergency::boolean, planned_start::timestamptz,
                    planned_end::timestamptz, production::boolean, required_approvals::integer,
                    segregation_of_duties::boolean, staging_required::boolean, review_deadline,
                    started_at::timestamptz, finished_at::timestamptz, details::jsonb, attributes::jsonb,
                    occurred_at::timestamptz, recorded_at::timestamptz, event_id::uuid, global_sequence::bigint,
                    case when jsonb_array_length(evidence::jsonb) > 0 then recorded_at::timestamptz end,
                    case when status <> 'REQUESTED' then recorded_at::timestamptz end
                from i order by n
                returning *
            ), effect as (
                insert into change_evidence (change_id, global_sequence, position, type, url, sha256, description,
                    attached_by, occurred_at, recorded_at)
                select i.change_id, i.global_sequence::bigint, e.position, e.link ->> 'type', e.link ->> 'url',
                    e.link ->> 'sha256', e.link ->> 'description', i.actor, i.occurred_at::timestamptz,
                    i.recorded_at::timestamptz
                from i cross join jsonb_array_elements(i.evidence::jsonb) with ordinality as e(link, position)
            )
            insert into change_history (change_id, global_sequence, event_id, type, actor, occurred_at, recorded_at,
                summary, status_after, approval_count_after, started_at_after, finished_at_after,
                review_status_after, review_due_at_after, review_overdue_after, reviewer_after, review_notes_after,
                review_completed_at_after)
            select c.change_id, i.global_sequence::bigint, i.event_id::uuid, i.type, i.actor,
                i.occurred_at::timestamptz, i.recorded_at::timestamptz, i.summary::jsonb, c.status, c.approval_count,
                c.started_at, c.finished_at, c.review_status, c.review_due_at, c.review_overdue, c.reviewer,
                c.review_notes, c.review_completed_at
            from c join i on i.change_id = c.change_id""".formatted(
            String.join(", ", Collections.nCopies(CREATED.size(), "cast(? as text[])")));

    private static final String APPROVE = statement(update("""
            approval_count = approval_count + 1,
            status = case when status = 'REQUESTED' and approval_count + 1 >= greatest(required_approvals, 1)
                then 'APPROVED' else status end"""), decision("APPROVED"));

    private static final String REJECT = statement(update("status = 'REJECTED'"), decision("REJECTED"));

    private static final String START = statement(update("""
            status = 'IN_PROGRESS', started_at = :occurredAt,
            implemented_recorded_at = coalesce(implemented_recorded_at, :recordedAt)"""), null);

    private static final String FINISH = statement(update("""
            status = :status, finished_at = :occurredAt,
            implemented_recorded_at = coalesce(implemented_recorded_at, :recordedAt)"""), null);

    private static final String OPEN_REVIEW = statement(update("review_status = 'OPEN', review_due_at = :dueAt"),
            null);

    private static final String REVIEW_OVERDUE = statement(update("review_overdue = true, review_due_at = :dueAt"),
            null);

    private static final String COMPLETE_REVIEW = statement(update("""
            review_status = :outcome, reviewer = :actor, review_notes = :notes,
            review_completed_at = :occurredAt"""), null);

    private static final String ATTACH_EVIDENCE = statement(update(
            "evidence_recorded_at = coalesce(evidence_recorded_at, :recordedAt)"), """
            insert into change_evidence (change_id, global_sequence, position, type, url, sha256, description,
                attached_by, occurred_at, recorded_at)
            select c.change_id, :globalSequence, 1, :evidenceType, :url, :sha256, :description, :actor, :occurredAt,
                :recordedAt
            from c""");

    private static final String DETECT_VIOLATION = statement(update("""
            approval_violation_recorded_at = case when :control = 'APPROVAL_BEFORE_DEPLOYMENT'
                then coalesce(approval_violation_recorded_at, :recordedAt) else approval_violation_recorded_at end,
            segregation_violation_recorded_at = case when :control = 'SEGREGATION_OF_DUTIES'
                then coalesce(segregation_violation_recorded_at, :recordedAt)
                else segregation_violation_recorded_at end,
            freeze_violation_recorded_at = case when :control = 'CHANGE_FREEZE'
                then coalesce(freeze_violation_recorded_at, :recordedAt) else freeze_violation_recorded_at end,
            review_violation_recorded_at = case when :control = 'EMERGENCY_REVIEW'
                then coalesce(review_violation_recorded_at, :recordedAt) else review_violation_recorded_at end,
            staging_violation_recorded_at = case when :control = 'STAGING_BEFORE_PRODUCTION'
                then coalesce(staging_violation_recorded_at, :recordedAt) else staging_violation_recorded_at end"""),
            """
            insert into control_violation (change_id, violation_id, control, detail, reference, occurred_at,
                recorded_at, global_sequence)
            select c.change_id, :violationId, :control, :detail, :reference, :occurredAt, :recordedAt, :globalSequence
            from c""");

    private static final String RESOLVE_VIOLATION = statement(current(), """
            update control_violation
            set resolved_by = :actor, resolution = :resolution, resolved_at = :occurredAt,
                resolution_recorded_at = :recordedAt
            where change_id = :changeId and violation_id = :violationId""");

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ObjectWriter detailsWriter = json.writerFor(ChangeDetails.class);

    ChangeProjection(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    private record Statement(String sql, Params params) {
    }

    @Override
    public void on(LedgerEnvelope envelope) {
        if (envelope.event() instanceof ChangeEvent event) {
            Statement statement = statement(event, envelope);
            jdbc.sql(statement.sql()).paramSource(statement.params()).update();
        }
    }

    /**
     * Consecutive events of the same statement go to the database as one JDBC batch, in one round trip, and a run
     * of creations (recorded deployments, say) as one statement; either keeps the events' order, so a change's later
     * events still find the row and the history its earlier ones wrote.
     */
    @Override
    public void onAll(List<LedgerEnvelope> envelopes) {
        List<Params> run = new ArrayList<>();
        String runSql = null;
        for (LedgerEnvelope envelope : envelopes) {
            if (!(envelope.event() instanceof ChangeEvent event)) {
                continue;
            }
            Statement statement = statement(event, envelope);
            if (!statement.sql().equals(runSql)) {
                execute(runSql, run);
                run.clear();
                runSql = statement.sql();
            }
            run.add(statement.params());
        }
        execute(runSql, run);
    }

    private void execute(String sql, List<Params> run) {
        if (CREATE.equals(sql) && run.size() > 1) {
            jdbc.sql(CREATE_ALL).params(CREATED.stream().map(name -> column(run, name)).toList()).update();
        } else if (run.size() == 1) {
            jdbc.sql(sql).paramSource(run.get(0)).update();
        } else if (run.size() > 1) {
            batch.batchUpdate(sql, run.toArray(new SqlParameterSource[0]));
        }
    }

    /** A parameter of every event of a run, as text, which the statement casts to the column's type. */
    private static String[] column(List<Params> run, String name) {
        return run.stream().map(params -> {
            Object value = params.getValue(name);
            return value == null ? null : value.toString();
        }).toArray(String[]::new);
    }

    private Statement statement(ChangeEvent event, LedgerEnvelope envelope) {
        Params params = new Params();
        params.text("changeId", event.changeId())
                .uuid("eventId", envelope.eventId())
                .text("type", envelope.type())
                .bigint("globalSequence", envelope.globalSequence())
                .time("occurredAt", event.occurredAt())
                .time("recordedAt", envelope.recordedAt());
        HistorySummary summary = new HistorySummary();
        String sql;
        String actor;
        if (event instanceof ChangeRequested requested) {
            actor = requested.requester();
            created(params, requested.details(), requested.service(), requested.environment(),
                    requested.sourceSystem(), requested.correlationKey(), requested.emergency(), requested.policy(),
                    requested.evidence(), requested.attributes());
            params.text("status", ChangeStatus.REQUESTED).text("risk", requested.risk());
            window(params, requested.plannedWindow());
            execution(params, null, null);
            summary.put("kind", requested.details().kind()).put("service", requested.service())
                    .put("environment", requested.environment()).put("risk", requested.risk())
                    .put("emergency", requested.emergency());
            sql = CREATE;
        } else if (event instanceof ChangeRecorded recorded) {
            actor = recorded.actor();
            created(params, recorded.details(), recorded.service(), recorded.environment(), recorded.sourceSystem(),
                    recorded.correlationKey(), recorded.emergency(), recorded.policy(), recorded.evidence(),
                    recorded.attributes());
            params.text("status", status(recorded.outcome())).text("risk", (String) null);
            window(params, null);
            boolean started = recorded.outcome() == ChangeOutcome.STARTED;
            execution(params, started ? recorded.occurredAt() : null, started ? null : recorded.occurredAt());
            summary.put("kind", recorded.details().kind()).put("service", recorded.service())
                    .put("environment", recorded.environment()).put("outcome", recorded.outcome())
                    .put("emergency", recorded.emergency());
            sql = CREATE;
        } else if (event instanceof DeploymentRecorded deployment) {
            actor = deployment.actor();
            legacy(params, deployment);
            summary.put("version", deployment.version()).put("ticket", deployment.ticket());
            sql = CREATE;
        } else if (event instanceof ChangeApproved approved) {
            actor = approved.approver();
            params.text("reason", approved.reason()).bool("freezeException", approved.freezeException());
            summary.put("reason", approved.reason()).put("freezeException", approved.freezeException());
            sql = APPROVE;
        } else if (event instanceof ChangeRejected rejected) {
            actor = rejected.approver();
            params.text("reason", rejected.reason()).bool("freezeException", false);
            summary.put("reason", rejected.reason());
            sql = REJECT;
        } else if (event instanceof ChangeStarted started) {
            actor = started.actor();
            summary.put("sourceSystem", started.sourceSystem());
            sql = START;
        } else if (event instanceof ChangeCompleted completed) {
            actor = completed.actor();
            params.text("status", ChangeStatus.COMPLETED);
            summary.put("sourceSystem", completed.sourceSystem());
            sql = FINISH;
        } else if (event instanceof ChangeFailed failed) {
            actor = failed.actor();
            params.text("status", ChangeStatus.FAILED);
            summary.put("sourceSystem", failed.sourceSystem()).put("reason", failed.reason());
            sql = FINISH;
        } else if (event instanceof ChangeRolledBack rolledBack) {
            actor = rolledBack.actor();
            params.text("status", ChangeStatus.ROLLED_BACK);
            summary.put("sourceSystem", rolledBack.sourceSystem()).put("reason", rolledBack.reason());
            sql = FINISH;
        } else if (event instanceof EvidenceAttached attached) {
            actor = attached.attachedBy();
            EvidenceLink link = attached.evidence();
            params.text("evidenceType", link.type()).text("url", link.url()).text("sha256", link.sha256())
                    .text("description", link.description());
            summary.put("evidenceType", link.type()).put("url", link.url());
            sql = ATTACH_EVIDENCE;
        } else if (event instanceof RetrospectiveReviewOpened opened) {
            actor = null;
            params.time("dueAt", opened.dueAt());
            summary.put("dueAt", opened.dueAt());
            sql = OPEN_REVIEW;
        } else if (event instanceof RetrospectiveReviewOverdue overdue) {
            actor = null;
            params.time("dueAt", overdue.dueAt());
            summary.put("dueAt", overdue.dueAt());
            sql = REVIEW_OVERDUE;
        } else if (event instanceof RetrospectiveReviewCompleted review) {
            actor = review.reviewer();
            params.text("outcome", review.outcome()).text("notes", review.notes());
            summary.put("outcome", review.outcome()).put("notes", review.notes());
            sql = COMPLETE_REVIEW;
        } else if (event instanceof ControlViolationDetected violation) {
            actor = null;
            params.text("violationId", violation.violationId()).text("control", violation.control())
                    .text("detail", violation.detail()).text("reference", violation.reference());
            summary.put("violationId", violation.violationId()).put("control", violation.control())
                    .put("detail", violation.detail()).put("reference", violation.reference());
            sql = DETECT_VIOLATION;
        } else if (event instanceof ControlViolationResolved resolved) {
            actor = resolved.resolvedBy();
            params.text("violationId", resolved.violationId()).text("resolution", resolved.resolution());
            summary.put("violationId", resolved.violationId()).put("resolution", resolved.resolution());
            sql = RESOLVE_VIOLATION;
        } else {
            throw new IllegalStateException("no projection of " + envelope.type());
        }
        params.text("actor", actor).json("summary", json.writeValueAsString(summary.values()));
        return new Statement(sql, params);
    }

    private void created(Params params, ChangeDetails details, String service, String environment,
                         String sourceSystem, String correlationKey, boolean emergency, ControlPolicy policy,
                         List<EvidenceLink> evidence, Map<String, String> attributes) {
        params.text("kind", details.kind()).text("service", service).text("environment", environment)
                .text("version", details.deployedVersion()).text("artifactDigest", digest(details))
                .text("ticket", attributes.get("ticket")).text("sourceSystem", sourceSystem)
                .text("correlationKey", correlationKey).bool("emergency", emergency)
                .bool("production", policy.production()).integer("requiredApprovals", policy.requiredApprovals())
                .bool("segregationOfDuties", policy.segregationOfDuties())
                .bool("stagingRequired", policy.stagingRequired())
                .text("reviewDeadline", policy.reviewDeadline().toString())
                .json("details", detailsWriter.writeValueAsString(details))
                .json("attributes", json.writeValueAsString(attributes))
                .json("evidence", json.writeValueAsString(evidence));
    }

    /** The skeleton's deployments: completed when recorded, with no policy, and the ticket as an attribute. */
    private void legacy(Params params, DeploymentRecorded deployment) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kind", "DEPLOYMENT");
        details.put("version", deployment.version());
        if (deployment.artifactDigest() != null) {
            details.put("artifactDigest", deployment.artifactDigest());
        }
        Map<String, String> attributes = deployment.ticket() == null ? Map.of()
                : Map.of("ticket", deployment.ticket());
        params.text("kind", "DEPLOYMENT").text("status", ChangeStatus.COMPLETED)
                .text("service", deployment.service()).text("environment", deployment.environment())
                .text("version", deployment.version()).text("artifactDigest", deployment.artifactDigest())
                .text("ticket", deployment.ticket()).text("sourceSystem", deployment.sourceSystem())
                .text("correlationKey", (String) null).text("risk", (String) null).bool("emergency", false)
                .bool("production", null).integer("requiredApprovals", null).bool("segregationOfDuties", null)
                .bool("stagingRequired", null).text("reviewDeadline", (String) null)
                .json("details", json.writeValueAsString(details))
                .json("attributes", json.writeValueAsString(attributes))
                .json("evidence", "[]");
        window(params, null);
        execution(params, null, deployment.occurredAt());
    }

    private static void window(Params params, TimeWindow window) {
        params.time("plannedStart", window == null ? null : window.start())
                .time("plannedEnd", window == null ? null : window.end());
    }

    private static void execution(Params params, Instant startedAt, Instant finishedAt) {
        params.time("startedAt", startedAt).time("finishedAt", finishedAt);
    }

    private static ChangeStatus status(ChangeOutcome outcome) {
        return switch (outcome) {
            case STARTED -> ChangeStatus.IN_PROGRESS;
            case COMPLETED -> ChangeStatus.COMPLETED;
            case FAILED -> ChangeStatus.FAILED;
            case ROLLED_BACK -> ChangeStatus.ROLLED_BACK;
        };
    }

    private static String digest(ChangeDetails details) {
        if (details instanceof ChangeDetails.Deployment deployment) {
            return deployment.artifactDigest();
        }
        if (details instanceof ChangeDetails.Hotfix hotfix) {
            return hotfix.artifactDigest();
        }
        return null;
    }

    private static String statement(String change, String effect) {
        return "with c as (\n" + change + "\n)" + (effect == null ? "" : ", effect as (\n" + effect + "\n)") + "\n"
                + HISTORY;
    }

    private static String update(String assignments) {
        return "update production_change set " + assignments + " where change_id = :changeId returning *";
    }

    /** For events that add to a change without changing its row. */
    private static String current() {
        return "select * from production_change where change_id = :changeId";
    }

    private static String decision(String decision) {
        return """
                insert into change_approval (change_id, global_sequence, event_id, decision, approver, reason,
                    freeze_exception, occurred_at, recorded_at)
                select c.change_id, :globalSequence, :eventId, '%s', :actor, :reason, :freezeException, :occurredAt,
                    :recordedAt
                from c""".formatted(decision);
    }
}
