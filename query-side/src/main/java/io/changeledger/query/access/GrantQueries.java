package io.changeledger.query.access;

import io.changeledger.events.change.ReviewOutcome;
import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.web.Page;
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
import java.util.Optional;
import java.util.UUID;

@Component
public class GrantQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final RowMapper<GrantSummary> GRANT = (rs, row) -> {
        String revokedBy = rs.getString("revoked_by");
        Instant certifiedAt = Rows.instant(rs, "last_certified_at");
        String reviewStatus = rs.getString("break_glass_review_status");
        return new GrantSummary(rs.getString("grant_id"), Rows.enumeration(rs, "kind", AccessKind.class),
                Rows.enumeration(rs, "status", AccessStatus.class), rs.getString("principal"),
                rs.getString("system"), rs.getString("resource"), rs.getString("role"), rs.getBoolean("privileged"),
                rs.getBoolean("break_glass"), rs.getString("justification"), rs.getString("requested_duration"),
                rs.getString("change_id"), rs.getString("incident_id"), rs.getString("requested_by"),
                rs.getString("source_system"), rs.getString("assigned_by"),
                new GrantSummary.Policy(rs.getInt("required_approvals"), rs.getString("max_duration"),
                        rs.getString("break_glass_max_duration"), rs.getString("review_deadline"),
                        rs.getString("review_interval")),
                Rows.texts(rs, "approvers"), rs.getString("granted_by"), Rows.instant(rs, "valid_from"),
                Rows.instant(rs, "valid_until"), Rows.instant(rs, "until"),
                Rows.enumeration(rs, "end_reason", AccessStatus.class),
                revokedBy == null ? null : new GrantSummary.Revocation(revokedBy, rs.getString("revoke_reason"),
                        rs.getString("revoke_review_id"), Rows.instant(rs, "revoked_at")),
                rs.getString("removed_by"),
                certifiedAt == null ? null : new GrantSummary.Certification(
                        rs.getString("last_certified_review_id"), rs.getString("last_certified_by"), certifiedAt),
                reviewStatus == null ? null : new GrantSummary.BreakGlassReview(reviewStatus,
                        Rows.instant(rs, "break_glass_review_due_at"), rs.getBoolean("break_glass_review_overdue"),
                        rs.getString("break_glass_reviewer"),
                        Rows.enumeration(rs, "break_glass_review_outcome", ReviewOutcome.class),
                        rs.getString("break_glass_review_notes"), Rows.instant(rs, "break_glass_reviewed_at")),
                Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at"),
                Rows.instant(rs, "granted_recorded_at"), Rows.instant(rs, "end_recorded_at"),
                rs.getObject("event_id", UUID.class), rs.getLong("global_sequence"));
    };

    private static final String SELECT = "g.*, nullif(g.effective_end, 'infinity') as until";

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;

    GrantQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    Page<GrantSummary> handle(FindGrantsQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<GrantSummary> answer(FindGrantsQuery query) {
        Params params = new Params();
        List<String> conditions = new ArrayList<>();
        if (query.system() != null) {
            conditions.add("g.system = :system");
            params.text("system", query.system());
        }
        if (query.principal() != null) {
            conditions.add("g.principal = :principal");
            params.text("principal", query.principal());
        }
        if (query.role() != null) {
            conditions.add("g.role = :role");
            params.text("role", query.role());
        }
        if (query.status() != null) {
            conditions.add("g.status = :status");
            params.text("status", query.status());
        }
        if (query.breakGlass() != null) {
            conditions.add("g.break_glass = :breakGlass");
            params.bool("breakGlass", query.breakGlass());
        }
        if (query.standing() != null) {
            conditions.add(query.standing() ? "g.kind = 'STANDING'" : "g.kind <> 'STANDING'");
        }
        String from = " from access_grant g"
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        return Paging.page(jdbc, SELECT, from, "g.occurred_at desc, g.global_sequence desc", params, query.page(),
                query.size(), GRANT);
    }

    public Optional<GrantView> handle(FindGrantQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Optional<GrantView> answer(FindGrantQuery query) {
        Params params = new Params();
        params.text("grantId", query.grantId()).time("now", clock.instant());
        Optional<GrantSummary> grant = jdbc.sql("select " + SELECT + " from access_grant g where g.grant_id = :grantId")
                .paramSource(params).query(GRANT).optional();
        if (grant.isEmpty()) {
            return Optional.empty();
        }
        List<HistoryItem> history = histories(List.of(query.grantId()), null).getOrDefault(query.grantId(), List.of());
        List<GrantView.Approval> approvals = jdbc.sql("""
                        select * from access_approval where grant_id = :grantId order by global_sequence""")
                .paramSource(params)
                .query((rs, row) -> new GrantView.Approval(rs.getString("approver"),
                        Rows.enumeration(rs, "decision", GrantView.Decision.class), rs.getString("reason"),
                        Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at")))
                .list();
        List<GrantView.Session> sessions = jdbc.sql("""
                        select * from access_session where grant_id = :grantId order by started_at, session_id""")
                .paramSource(params)
                .query((rs, row) -> new GrantView.Session(rs.getString("session_id"), Rows.instant(rs, "started_at"),
                        Rows.instant(rs, "ended_at"), rs.getString("source_system"), Rows.instant(rs, "recorded_at")))
                .list();
        List<GrantView.Certification> certifications = history.stream()
                .filter(item -> item.type().equals("AccessCertified"))
                .map(item -> new GrantView.Certification(text(item.summary(), "reviewId"), item.actor(),
                        text(item.summary(), "notes"), item.occurredAt(), item.recordedAt()))
                .toList();
        List<AccessViolationView> violations = jdbc.sql("select * from (" + AccessViolationQueries.VIOLATIONS
                        + " where v.grant_id = :grantId) v order by v.occurred_at, v.global_sequence, v.violation_id")
                .paramSource(params).query(AccessViolationQueries.VIOLATION).list();
        return Optional.of(new GrantView(grant.get(), history, approvals, sessions, certifications, violations));
    }

    /**
     * The histories of these grants in ledger order, never re-sorted by occurred-at: an event that happened before
     * one recorded earlier is late.
     *
     * @param knownAt only the events recorded by then; null for all
     */
    Map<String, List<HistoryItem>> histories(List<String> grantIds, Instant knownAt) {
        Map<String, List<HistoryItem>> histories = new LinkedHashMap<>();
        if (grantIds.isEmpty()) {
            return histories;
        }
        Params params = new Params();
        params.texts("ids", grantIds).time("knownAt", knownAt);
        Map<String, Instant> latest = new LinkedHashMap<>();
        jdbc.sql("select * from access_history where grant_id in (:ids)"
                        + (knownAt == null ? "" : " and recorded_at <= :knownAt")
                        + " order by grant_id, global_sequence")
                .paramSource(params)
                .query(rs -> {
                    String grantId = rs.getString("grant_id");
                    Instant occurredAt = Rows.instant(rs, "occurred_at");
                    Instant before = latest.get(grantId);
                    histories.computeIfAbsent(grantId, id -> new ArrayList<>()).add(new HistoryItem(
                            rs.getObject("event_id", UUID.class), rs.getString("type"), rs.getString("actor"),
                            occurredAt, Rows.instant(rs, "recorded_at"), rs.getLong("global_sequence"),
                            Rows.enumeration(rs, "status_after", AccessStatus.class),
                            before != null && occurredAt.isBefore(before), JSON.readTree(rs.getString("summary"))));
                    if (before == null || occurredAt.isAfter(before)) {
                        latest.put(grantId, occurredAt);
                    }
                });
        return histories;
    }

    private static String text(JsonNode summary, String field) {
        JsonNode value = summary.get(field);
        return value == null ? null : value.asString();
    }
}
