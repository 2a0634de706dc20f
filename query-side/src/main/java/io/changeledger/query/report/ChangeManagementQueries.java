package io.changeledger.query.report;

import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.report.ChangeManagementReport.ChangeException;
import io.changeledger.query.report.ChangeManagementReport.Resolution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change-management report in one statement: one pass over the period's changes gives every count, and the same
 * materialised pass gives the first exceptions of each check. The checks read what the projections already hold:
 * the control violations the command side recorded by the policy each change carried, the evidence linked to it
 * and the state of its retrospective review; no policy is evaluated again here.
 *
 * <p>"As known at T" takes each change's state from its last history row recorded by T, and counts only the
 * violations, resolutions and evidence recorded by T.
 */
@Component
class ChangeManagementQueries {

    static final String REPORT = "change-management";

    static final List<String> CHECKS = List.of("approvedBeforeDeployment", "segregationOfDuties", "evidencePresent",
            "emergencyChangeReviewed", "noUnapprovedFreezeChange", "stagingBeforeProduction");

    /** Check name, its column prefix in the statement, the control whose violation fails it (if one does). */
    private record Check(String name, String column, String control) {
    }

    private static final List<Check> CHECK_COLUMNS = List.of(
            new Check("approvedBeforeDeployment", "approval", "APPROVAL_BEFORE_DEPLOYMENT"),
            new Check("segregationOfDuties", "sod", "SEGREGATION_OF_DUTIES"),
            new Check("evidencePresent", "evidence", null),
            new Check("emergencyChangeReviewed", "emergency", "EMERGENCY_REVIEW"),
            new Check("noUnapprovedFreezeChange", "freeze", "CHANGE_FREEZE"),
            new Check("stagingBeforeProduction", "staging", "STAGING_BEFORE_PRODUCTION"));

    private static final String IMPLEMENTED = "('IN_PROGRESS', 'COMPLETED', 'FAILED', 'ROLLED_BACK')";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;
    private final FrameworkMappings mappings;

    ChangeManagementQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock, FrameworkMappings mappings) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
        this.mappings = mappings;
    }

    ChangeManagementReport handle(FindChangeManagementReportQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private ChangeManagementReport answer(FindChangeManagementReportQuery query) {
        Instant generatedAt = clock.instant();
        Instant asOf = query.asOf();
        // a review is overdue once its deadline is behind the moment the report speaks of
        Instant now = asOf == null ? generatedAt : asOf;
        Params params = new Params();
        params.time("from", query.from()).time("to", query.to()).time("asOf", asOf).time("now", now)
                .integer("limit", query.exceptionLimit());
        List<String> conditions = new ArrayList<>();
        if (!query.services().isEmpty()) {
            conditions.add("c.service in (:services)");
            params.texts("services", query.services());
        }
        if (!query.environments().isEmpty()) {
            conditions.add("c.environment in (:environments)");
            params.texts("environments", query.environments());
        }
        if (asOf != null) {
            conditions.add("c.recorded_at <= :asOf");
        }
        String sql = statement(asOf != null, conditions);

        Map<String, List<ChangeException>> exceptions = new LinkedHashMap<>();
        CHECKS.forEach(check -> exceptions.put(check, new ArrayList<>()));
        long[] counts = new long[4 + CHECK_COLUMNS.size() * 2 + 1];
        boolean[] first = {true};
        jdbc.sql(sql).paramSource(params).query((ResultSet rs) -> {
            if (first[0]) {
                first[0] = false;
                counts[0] = rs.getLong("population");
                counts[1] = rs.getLong("not_implemented");
                counts[2] = rs.getLong("without_policy");
                counts[3] = rs.getLong("emergency_changes");
                for (int i = 0; i < CHECK_COLUMNS.size(); i++) {
                    counts[4 + 2 * i] = rs.getLong("a_" + CHECK_COLUMNS.get(i).column());
                    counts[5 + 2 * i] = rs.getLong("n_" + CHECK_COLUMNS.get(i).column());
                }
                counts[counts.length - 1] = rs.getLong("n_emergency_pending");
            }
            if (rs.getString("change_id") == null) {
                return;
            }
            JsonNode violations = JSON.readTree(rs.getString("violations"));
            for (Check check : CHECK_COLUMNS) {
                if (rs.getBoolean("f_" + check.column())
                        && rs.getLong("r_" + check.column()) <= query.exceptionLimit()) {
                    exceptions.get(check.name()).add(exception(rs, check, violations));
                }
            }
        });

        List<CheckResult<ChangeException>> checks = new ArrayList<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int i = 0; i < CHECK_COLUMNS.size(); i++) {
            Check check = CHECK_COLUMNS.get(i);
            long pending = check.column().equals("emergency") ? counts[counts.length - 1] : 0;
            CheckResult<ChangeException> result = CheckResult.of(check.name(), counts[4 + 2 * i],
                    counts[5 + 2 * i], pending, exceptions.get(check.name()));
            checks.add(result);
            rates.put(check.name(), result.rate());
        }
        return new ChangeManagementReport(query.from(), query.to(), query.services(), query.environments(), asOf,
                generatedAt, new ChangeManagementReport.Summary(counts[0], counts[1], counts[2], counts[3], rates),
                checks, mappings.of(query.mappingVersion(), REPORT, CHECKS));
    }

    private static ChangeException exception(ResultSet rs, Check check, JsonNode violations) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<Resolution> resolutions = new ArrayList<>();
        if (check.control() != null) {
            for (JsonNode violation : violations) {
                if (!check.control().equals(violation.get("control").asString())) {
                    continue;
                }
                String id = violation.get("violationId").asString();
                ids.add(id);
                details.add(violation.get("detail").asString());
                JsonNode resolvedAt = violation.get("resolvedAt");
                if (resolvedAt != null && !resolvedAt.isNull()) {
                    resolutions.add(new Resolution(id, violation.get("resolvedBy").asString(),
                            violation.get("resolution").asString(), OffsetDateTime.parse(resolvedAt.asString()).toInstant()));
                }
            }
        }
        String failure = details.isEmpty() ? failure(rs, check) : String.join("; ", details);
        return new ChangeException(rs.getString("change_id"), rs.getString("kind"), rs.getString("service"),
                rs.getString("environment"), Rows.instant(rs, "occurred_at"), rs.getString("status"), failure,
                ids.isEmpty() ? null : ids, ids.isEmpty() ? null : resolutions.size() == ids.size(),
                resolutions.isEmpty() ? null : resolutions);
    }

    /** The failures no violation records. */
    private static String failure(ResultSet rs, Check check) throws SQLException {
        if (check.column().equals("evidence")) {
            return "no evidence is linked to the change";
        }
        if (check.column().equals("emergency")) {
            String review = rs.getString("review_status");
            return switch (review) {
                case "REJECTED" -> "the retrospective review by " + rs.getString("reviewer") + " rejected the change";
                case "NONE" -> "no retrospective review was opened";
                default -> "the retrospective review was due at " + Rows.instant(rs, "review_due_at")
                        + " and is not completed";
            };
        }
        return check.control() + " violated";
    }

    private static String statement(boolean asOf, List<String> conditions) {
        String known = asOf ? " and recorded_at <= :asOf" : "";
        String state = asOf ? """
                cross join lateral (select h.status_after as status, h.review_status_after as review_status,
                    h.review_due_at_after as review_due_at, h.reviewer_after as reviewer
                    from change_history h where h.change_id = c.change_id and h.recorded_at <= :asOf
                    order by h.global_sequence desc limit 1) s"""
                : "cross join lateral (select c.status, c.review_status, c.review_due_at, c.reviewer) s";
        String resolution = asOf ? "case when v.resolution_recorded_at <= :asOf then v.%s end" : "v.%s";
        StringBuilder failing = new StringBuilder();
        StringBuilder numbered = new StringBuilder();
        StringBuilder within = new StringBuilder();
        StringBuilder counted = new StringBuilder();
        for (Check check : CHECK_COLUMNS) {
            String c = check.column();
            failing.append(failing.isEmpty() ? "" : " or ").append("f_").append(c);
            numbered.append(", row_number() over (partition by f_").append(c)
                    .append(" order by occurred_at, change_id) as r_").append(c);
            within.append(within.isEmpty() ? "" : " or ").append("(x.f_").append(c).append(" and x.r_").append(c)
                    .append(" <= :limit)");
            counted.append(", count(*) filter (where a_").append(c).append(") as a_").append(c)
                    .append(", count(*) filter (where f_").append(c).append(") as n_").append(c);
        }
        return """
                with v as (
                    select change_id,
                        bool_or(control = 'APPROVAL_BEFORE_DEPLOYMENT') as approval,
                        bool_or(control = 'SEGREGATION_OF_DUTIES') as sod,
                        bool_or(control = 'EMERGENCY_REVIEW') as review,
                        bool_or(control = 'CHANGE_FREEZE') as freeze,
                        bool_or(control = 'STAGING_BEFORE_PRODUCTION') as staging
                    from control_violation where true %1$s
                    group by change_id),
                p as (
                    select c.change_id, c.kind, c.service, c.environment, c.occurred_at, s.status, s.review_status,
                        s.review_due_at, s.reviewer, i.implemented, i.has_policy, i.implemented and c.emergency
                            as a_emergency,
                        i.implemented and i.has_policy and not c.emergency and c.required_approvals > 0
                            as a_approval,
                        i.implemented and coalesce(c.segregation_of_duties, false) as a_sod,
                        i.implemented as a_evidence,
                        i.implemented and i.has_policy as a_freeze,
                        i.implemented and coalesce(c.staging_required, false) as a_staging,
                        coalesce(v.approval, false) as v_approval, coalesce(v.sod, false) as v_sod,
                        coalesce(v.review, false) as v_review, coalesce(v.freeze, false) as v_freeze,
                        coalesce(v.staging, false) as v_staging,
                        c.change_id in (select e.change_id from change_evidence e where true %1$s) as has_evidence
                    from production_change c
                    %2$s
                    cross join lateral (select s.status in %3$s as implemented, c.production is not null as has_policy) i
                    left join v on v.change_id = c.change_id
                    where c.occurred_at >= :from and c.occurred_at < :to
                      and coalesce(c.production, c.environment = 'production')%4$s),
                f as (
                    select p.*,
                        a_approval and v_approval as f_approval,
                        a_sod and v_sod as f_sod,
                        a_evidence and not has_evidence as f_evidence,
                        a_emergency and (v_review or review_status in ('REJECTED', 'NONE')
                            or (review_status = 'OPEN' and review_due_at < :now)) as f_emergency,
                        a_emergency and not v_review and review_status = 'OPEN' and review_due_at >= :now
                            as pending_emergency,
                        a_freeze and v_freeze as f_freeze,
                        a_staging and v_staging as f_staging
                    from p),
                agg as (
                    select count(*) filter (where implemented) as population,
                        count(*) filter (where not implemented) as not_implemented,
                        count(*) filter (where implemented and not has_policy) as without_policy,
                        count(*) filter (where a_emergency) as emergency_changes,
                        count(*) filter (where pending_emergency) as n_emergency_pending%5$s
                    from f),
                x as (
                    select *%6$s
                    from f where %7$s)
                select agg.*, x.change_id, x.kind, x.service, x.environment, x.occurred_at, x.status,
                    x.review_status, x.review_due_at, x.reviewer, x.f_approval, x.f_sod, x.f_evidence, x.f_emergency,
                    x.f_freeze, x.f_staging, x.r_approval, x.r_sod, x.r_evidence, x.r_emergency, x.r_freeze,
                    x.r_staging,
                    (select coalesce(json_agg(json_build_object('violationId', v.violation_id, 'control', v.control,
                            'detail', v.detail, 'resolvedBy', %8$s, 'resolution', %9$s, 'resolvedAt', %10$s)
                            order by v.global_sequence), '[]')
                        from control_violation v where v.change_id = x.change_id%11$s) as violations
                from agg left join x on %12$s
                order by x.occurred_at, x.change_id""".formatted(known, state, IMPLEMENTED,
                conditions.isEmpty() ? "" : "\n  and " + String.join(" and ", conditions), counted, numbered,
                failing, resolution.formatted("resolved_by"), resolution.formatted("resolution"),
                resolution.formatted("resolved_at"), asOf ? " and v.recorded_at <= :asOf" : "", within);
    }
}
