package io.changeledger.query.change;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.change.RiskLevel;
import io.changeledger.events.change.TimeWindow;
import io.changeledger.query.change.ChangeSummary.Approval;
import io.changeledger.query.change.ChangeSummary.Decision;
import io.changeledger.query.change.ChangeSummary.Review;
import io.changeledger.query.change.ChangeSummary.ReviewStatus;
import io.changeledger.query.change.ChangeSummary.Violation;
import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers about changes, now or as the ledger knew them at an instant. "As known at T" counts only what was
 * recorded by T: the change's state is that of its last history row recorded by T, and approvals, evidence,
 * violations and resolutions recorded later are left out.
 */
@Component
public class ChangeQueries {

    /** The changes as known at {@code :knownAt}, with the columns of production_change. */
    private static final String KNOWN_AT = """
            (select c.change_id, c.kind, c.service, c.environment, c.version, c.artifact_digest, c.actor, c.requester,
                c.ticket, c.source_system, c.correlation_key, c.risk, c.emergency, c.planned_start, c.planned_end,
                c.production, c.required_approvals, c.segregation_of_duties, c.staging_required, c.review_deadline,
                c.details, c.attributes, c.occurred_at, c.recorded_at, c.event_id, c.global_sequence,
                h.status_after as status, h.approval_count_after as approval_count, h.started_at_after as started_at,
                h.finished_at_after as finished_at, h.review_status_after as review_status,
                h.review_due_at_after as review_due_at, h.review_overdue_after as review_overdue,
                h.reviewer_after as reviewer, h.review_notes_after as review_notes,
                h.review_completed_at_after as review_completed_at
            from production_change c
            join lateral (select * from change_history h
                where h.change_id = c.change_id and h.recorded_at <= :knownAt
                order by h.global_sequence desc limit 1) h on true
            where c.recorded_at <= :knownAt)""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private static final RowMapper<ChangeSummary> SUMMARY = (rs, row) -> {
        Instant plannedStart = Rows.instant(rs, "planned_start");
        Boolean production = Rows.bool(rs, "production");
        ControlPolicy policy = production == null ? null : new ControlPolicy(production,
                rs.getInt("required_approvals"), rs.getBoolean("segregation_of_duties"),
                rs.getBoolean("staging_required"), Duration.parse(rs.getString("review_deadline")));
        Review review = new Review(Rows.enumeration(rs, "review_status", ReviewStatus.class),
                Rows.instant(rs, "review_due_at"), rs.getBoolean("review_overdue"), rs.getString("reviewer"),
                rs.getString("review_notes"), Rows.instant(rs, "review_completed_at"));
        return new ChangeSummary(rs.getString("change_id"), Rows.enumeration(rs, "kind", ChangeKind.class),
                Rows.enumeration(rs, "status", ChangeStatus.class), rs.getString("service"),
                rs.getString("environment"), rs.getString("version"), rs.getString("artifact_digest"),
                rs.getString("actor"), rs.getString("requester"), rs.getString("ticket"),
                rs.getString("source_system"), rs.getString("correlation_key"),
                Rows.enumeration(rs, "risk", RiskLevel.class), rs.getBoolean("emergency"),
                plannedStart == null ? null : new TimeWindow(plannedStart, Rows.instant(rs, "planned_end")), policy,
                rs.getInt("approval_count"), Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"),
                Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at"),
                rs.getObject("event_id", UUID.class), rs.getLong("global_sequence"),
                JSON.readTree(rs.getString("details")), JSON.readValue(rs.getString("attributes"), ATTRIBUTES),
                review, List.of(), List.of());
    };

    private static final RowMapper<Approval> APPROVAL = (rs, row) -> new Approval(rs.getString("approver"),
            Rows.enumeration(rs, "decision", Decision.class), rs.getString("reason"),
            rs.getBoolean("freeze_exception"), Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at"));

    private static final RowMapper<Violation> VIOLATION = (rs, row) -> {
        Instant resolvedAt = Rows.instant(rs, "resolved_at");
        return new Violation(rs.getString("violation_id"), Rows.enumeration(rs, "control", Control.class),
                rs.getString("detail"), rs.getString("reference"), Rows.instant(rs, "occurred_at"),
                Rows.instant(rs, "recorded_at"), resolvedAt != null, rs.getString("resolved_by"),
                rs.getString("resolution"), resolvedAt);
    };

    private static final RowMapper<ChangeView.Evidence> EVIDENCE = (rs, row) -> new ChangeView.Evidence(
            Rows.enumeration(rs, "type", EvidenceLink.EvidenceType.class), rs.getString("url"), rs.getString("sha256"),
            rs.getString("description"), rs.getString("attached_by"), Rows.instant(rs, "occurred_at"),
            Rows.instant(rs, "recorded_at"));

    private final JdbcClient jdbc;
    private final Snapshot snapshot;

    ChangeQueries(JdbcClient jdbc, Snapshot snapshot) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
    }

    public Optional<ChangeView> handle(FindChangeQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Optional<ChangeView> answer(FindChangeQuery query) {
        Instant knownAt = query.knownAt();
        Params params = new Params();
        params.text("changeId", query.changeId()).time("knownAt", knownAt);
        Optional<ChangeSummary> found = jdbc.sql("select * from " + source(knownAt)
                        + " c where c.change_id = :changeId")
                .paramSource(params).query(SUMMARY).optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ChangeSummary change = withApprovalsAndViolations(List.of(found.get()), knownAt).get(0);
        List<ChangeView.HistoryItem> history = history(jdbc.sql("select * from change_history"
                        + " where change_id = :changeId" + knownBy("recorded_at", knownAt)
                        + " order by global_sequence")
                .paramSource(params)
                .query((rs, row) -> new RawHistory(rs.getObject("event_id", UUID.class), rs.getString("type"),
                        rs.getString("actor"), Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at"),
                        rs.getLong("global_sequence"), Rows.enumeration(rs, "status_after", ChangeStatus.class),
                        JSON.readTree(rs.getString("summary"))))
                .list());
        List<ChangeView.Evidence> evidence = jdbc.sql("select * from change_evidence where change_id = :changeId"
                        + knownBy("recorded_at", knownAt) + " order by global_sequence, position")
                .paramSource(params).query(EVIDENCE).list();
        return Optional.of(new ChangeView(change, history, evidence));
    }

    Page<ChangeSummary> handle(FindChangesQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<ChangeSummary> answer(FindChangesQuery query) {
        Instant knownAt = query.knownAt();
        Params params = new Params();
        params.time("knownAt", knownAt);
        List<String> conditions = new ArrayList<>();
        if (query.kind() != null) {
            conditions.add("c.kind = :kind");
            params.text("kind", query.kind());
        }
        if (query.status() != null) {
            conditions.add("c.status = :status");
            params.text("status", query.status());
        }
        if (query.service() != null) {
            conditions.add("c.service = :service");
            params.text("service", query.service());
        }
        if (query.environment() != null) {
            conditions.add("c.environment = :environment");
            params.text("environment", query.environment());
        }
        if (query.actor() != null) {
            // the history holds the requester's or reporter's event as well as everyone else's
            conditions.add("exists (select 1 from change_history h where h.change_id = c.change_id"
                    + " and h.actor = :actor" + knownBy("h.recorded_at", knownAt) + ")");
            params.text("actor", query.actor());
        }
        if (!query.violated().isEmpty()) {
            conditions.add("exists (select 1 from control_violation v where v.change_id = c.change_id"
                    + " and v.control in (:controls)" + knownBy("v.recorded_at", knownAt) + ")");
            params.texts("controls", query.violated().stream().map(Control::name).toList());
        }
        if (query.emergency() != null) {
            conditions.add("c.emergency = :emergency");
            params.bool("emergency", query.emergency());
        }
        if (query.from() != null) {
            conditions.add("c.occurred_at >= :from");
            params.time("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("c.occurred_at < :to");
            params.time("to", query.to());
        }
        String from = " from " + source(knownAt) + " c"
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        Page<ChangeSummary> changes = Paging.page(jdbc, "*", from, "c.occurred_at desc, c.global_sequence desc",
                params, query.page(), query.size(), SUMMARY);
        return new Page<>(withApprovalsAndViolations(changes.items(), knownAt), changes.page(), changes.size(),
                changes.totalItems());
    }

    private List<ChangeSummary> withApprovalsAndViolations(List<ChangeSummary> changes, Instant knownAt) {
        if (changes.isEmpty()) {
            return changes;
        }
        Params params = new Params();
        params.texts("ids", changes.stream().map(ChangeSummary::id).toList()).time("knownAt", knownAt);
        Map<String, List<Approval>> approvals = new LinkedHashMap<>();
        jdbc.sql("select * from change_approval where change_id in (:ids)" + knownBy("recorded_at", knownAt)
                        + " order by global_sequence")
                .paramSource(params)
                .query(rs -> {
                    approvals.computeIfAbsent(rs.getString("change_id"), id -> new ArrayList<>())
                            .add(APPROVAL.mapRow(rs, 0));
                });
        Map<String, List<Violation>> violations = new LinkedHashMap<>();
        jdbc.sql("select change_id, violation_id, control, detail, reference, occurred_at, recorded_at, "
                        + resolution(knownAt) + " from control_violation where change_id in (:ids)"
                        + knownBy("recorded_at", knownAt) + " order by global_sequence")
                .paramSource(params)
                .query(rs -> {
                    violations.computeIfAbsent(rs.getString("change_id"), id -> new ArrayList<>())
                            .add(VIOLATION.mapRow(rs, 0));
                });
        return changes.stream()
                .map(change -> change.with(approvals.getOrDefault(change.id(), List.of()),
                        violations.getOrDefault(change.id(), List.of())))
                .toList();
    }

    /** Ledger order, never re-sorted by occurred-at: an event that happened before one recorded earlier is late. */
    private static List<ChangeView.HistoryItem> history(List<RawHistory> rows) {
        List<ChangeView.HistoryItem> items = new ArrayList<>(rows.size());
        Instant latest = null;
        for (RawHistory row : rows) {
            boolean late = latest != null && row.occurredAt().isBefore(latest);
            items.add(new ChangeView.HistoryItem(row.eventId(), row.type(), row.actor(), row.occurredAt(),
                    row.recordedAt(), row.globalSequence(), row.statusAfter(), late, row.summary()));
            if (latest == null || row.occurredAt().isAfter(latest)) {
                latest = row.occurredAt();
            }
        }
        return items;
    }

    private static String source(Instant knownAt) {
        return knownAt == null ? "production_change" : KNOWN_AT;
    }

    private static String knownBy(String column, Instant knownAt) {
        return knownAt == null ? "" : " and " + column + " <= :knownAt";
    }

    /** The resolution of a violation, unless it was recorded after {@code :knownAt}. */
    private static String resolution(Instant knownAt) {
        if (knownAt == null) {
            return "resolved_by, resolution, resolved_at";
        }
        return """
                case when resolution_recorded_at <= :knownAt then resolved_by end as resolved_by,
                case when resolution_recorded_at <= :knownAt then resolution end as resolution,
                case when resolution_recorded_at <= :knownAt then resolved_at end as resolved_at""";
    }

    private record RawHistory(UUID eventId, String type, String actor, Instant occurredAt, Instant recordedAt,
                              long globalSequence, ChangeStatus statusAfter, JsonNode summary) {
    }
}
