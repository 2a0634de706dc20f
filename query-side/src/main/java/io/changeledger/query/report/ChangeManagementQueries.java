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
 * The change-management report in two passes over the period's changes: one gives every count, the other the first
 * exceptions of each check. The checks read what the projections already hold: the control violations the command
 * side recorded by the policy each change carried, when the first evidence of the change was recorded, and the
 * state of its retrospective review; no policy is evaluated again here.
 *
 * <p>"As known at T" counts a change once the ledger had recorded it by T, in the population once it had recorded
 * it reaching production by T, with evidence once its first evidence was recorded by T, and only the violations and
 * resolutions recorded by T; an emergency change's review is in the state of its last history row recorded by T.
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
        // a million rows in one pass: compiling it with JIT costs more than it saves, and the exceptions' sorts
        // should not spill to disk
        jdbc.sql("set local jit = off").update();
        jdbc.sql("set local work_mem = '64MB'").update();
        String flags = flags(asOf != null, conditions);

        long[] counts = jdbc.sql(counts(asOf != null, flags)).paramSource(params).query((rs, row) -> {
            long[] values = new long[5 + CHECK_COLUMNS.size() * 2];
            values[0] = rs.getLong("population");
            values[1] = rs.getLong("not_implemented");
            values[2] = rs.getLong("without_policy");
            values[3] = rs.getLong("emergency_changes");
            values[4] = rs.getLong("n_emergency_pending");
            for (int i = 0; i < CHECK_COLUMNS.size(); i++) {
                values[5 + 2 * i] = rs.getLong("a_" + CHECK_COLUMNS.get(i).column());
                values[6 + 2 * i] = rs.getLong("n_" + CHECK_COLUMNS.get(i).column());
            }
            return values;
        }).single();

        Map<String, List<ChangeException>> exceptions = new LinkedHashMap<>();
        CHECKS.forEach(check -> exceptions.put(check, new ArrayList<>()));
        if (query.exceptionLimit() > 0) {
            jdbc.sql(exceptions(asOf != null, flags)).paramSource(params).query((ResultSet rs) -> {
                Check check = CHECK_COLUMNS.get(rs.getInt("check_index"));
                exceptions.get(check.name()).add(exception(rs, check, JSON.readTree(rs.getString("violations"))));
            });
        }

        List<CheckResult<ChangeException>> checks = new ArrayList<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int i = 0; i < CHECK_COLUMNS.size(); i++) {
            Check check = CHECK_COLUMNS.get(i);
            long pending = check.column().equals("emergency") ? counts[4] : 0;
            CheckResult<ChangeException> result = CheckResult.of(check.name(), counts[5 + 2 * i],
                    counts[6 + 2 * i], pending, exceptions.get(check.name()));
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

    /** The recorded violations of each change, by control; few beside a million changes, so aggregated whole. */
    private static String violations(boolean asOf) {
        return """
                v as (
                    select change_id,
                        bool_or(control = 'APPROVAL_BEFORE_DEPLOYMENT') as approval,
                        bool_or(control = 'SEGREGATION_OF_DUTIES') as sod,
                        bool_or(control = 'EMERGENCY_REVIEW') as review,
                        bool_or(control = 'CHANGE_FREEZE') as freeze,
                        bool_or(control = 'STAGING_BEFORE_PRODUCTION') as staging
                    from control_violation%s
                    group by change_id)""".formatted(asOf ? " where recorded_at <= :asOf" : "");
    }

    /**
     * One row per production change of the period and scope, with whether each check applies to it ({@code a_})
     * and whether it failed ({@code f_}). Only emergency changes need their history, for the review's state.
     */
    private static String flags(boolean asOf, List<String> conditions) {
        String review = asOf ? """
                left join lateral (select h.review_status_after as review_status,
                        h.review_due_at_after as review_due_at
                    from change_history h where h.change_id = c.change_id and c.emergency and h.recorded_at <= :asOf
                    order by h.global_sequence desc limit 1) r on true"""
                : "cross join lateral (select c.review_status, c.review_due_at) r";
        return """
                select b.*,
                    implemented and has_policy and not emergency and required_approvals > 0 as a_approval,
                    implemented and has_policy and not emergency and required_approvals > 0 and v_approval
                        as f_approval,
                    implemented and segregation as a_sod,
                    implemented and segregation and v_sod as f_sod,
                    implemented as a_evidence,
                    implemented and not has_evidence as f_evidence,
                    implemented and emergency as a_emergency,
                    implemented and emergency and (v_review or review_status in ('REJECTED', 'NONE')
                        or (review_status = 'OPEN' and review_due_at < :now)) as f_emergency,
                    implemented and emergency and not v_review and review_status = 'OPEN'
                        and review_due_at >= :now as pending_emergency,
                    implemented and has_policy as a_freeze,
                    implemented and has_policy and v_freeze as f_freeze,
                    implemented and staging as a_staging,
                    implemented and staging and v_staging as f_staging
                from (
                    select c.change_id, c.kind, c.service, c.environment, c.occurred_at, c.emergency,
                        c.required_approvals, c.status as status_now, c.reviewer as reviewer_now,
                        %1$s as implemented,
                        %2$s as has_evidence,
                        c.production is not null as has_policy,
                        coalesce(c.segregation_of_duties, false) as segregation,
                        coalesce(c.staging_required, false) as staging,
                        coalesce(r.review_status, 'NONE') as review_status, r.review_due_at,
                        coalesce(v.approval, false) as v_approval, coalesce(v.sod, false) as v_sod,
                        coalesce(v.review, false) as v_review, coalesce(v.freeze, false) as v_freeze,
                        coalesce(v.staging, false) as v_staging
                    from production_change c
                    left join v on v.change_id = c.change_id
                    %3$s
                    where c.occurred_at >= :from and c.occurred_at < :to
                      and coalesce(c.production, c.environment = 'production')%4$s) b""".formatted(
                asOf ? "coalesce(c.implemented_recorded_at <= :asOf, false)" : "c.implemented_recorded_at is not null",
                asOf ? "coalesce(c.evidence_recorded_at <= :asOf, false)" : "c.evidence_recorded_at is not null",
                review, conditions.isEmpty() ? "" : " and " + String.join(" and ", conditions));
    }

    private static String counts(boolean asOf, String flags) {
        StringBuilder counted = new StringBuilder();
        for (Check check : CHECK_COLUMNS) {
            String c = check.column();
            counted.append(",\n    count(*) filter (where a_").append(c).append(") as a_").append(c)
                    .append(", count(*) filter (where f_").append(c).append(") as n_").append(c);
        }
        return """
                with %s
                select count(*) filter (where implemented) as population,
                    count(*) filter (where not implemented) as not_implemented,
                    count(*) filter (where implemented and not has_policy) as without_policy,
                    count(*) filter (where a_emergency) as emergency_changes,
                    count(*) filter (where pending_emergency) as n_emergency_pending%s
                from (%s) f""".formatted(violations(asOf), counted, flags);
    }

    /**
     * The first exceptions of each check, with what the ledger says of each change: the failing changes are few
     * beside the population, so each check's first ones are a top-N of them.
     */
    private static String exceptions(boolean asOf, String flags) {
        StringBuilder failing = new StringBuilder();
        StringBuilder lists = new StringBuilder();
        for (int i = 0; i < CHECK_COLUMNS.size(); i++) {
            String c = CHECK_COLUMNS.get(i).column();
            failing.append(failing.isEmpty() ? "" : " or ").append("f_").append(c);
            lists.append(lists.isEmpty() ? "" : "\n    union all ").append("(select ").append(i)
                    .append(" as check_index, x.* from x where f_").append(c)
                    .append(" order by occurred_at, change_id limit :limit)");
        }
        String state = asOf ? """
                cross join lateral (select h.status_after as status, h.reviewer_after as reviewer
                    from change_history h where h.change_id = l.change_id and h.recorded_at <= :asOf
                    order by h.global_sequence desc limit 1) s"""
                : "cross join lateral (select l.status_now as status, l.reviewer_now as reviewer) s";
        String resolution = asOf ? "case when v.resolution_recorded_at <= :asOf then v.%s end" : "v.%s";
        return """
                with %1$s,
                x as materialized (
                    select f.* from (%2$s) f where %3$s),
                l as (
                    %4$s)
                select l.*, s.status, s.reviewer,
                    (select coalesce(json_agg(json_build_object('violationId', v.violation_id, 'control', v.control,
                            'detail', v.detail, 'resolvedBy', %5$s, 'resolution', %6$s, 'resolvedAt', %7$s)
                            order by v.global_sequence), '[]')
                        from control_violation v where v.change_id = l.change_id%8$s) as violations
                from l
                %9$s
                order by l.check_index, l.occurred_at, l.change_id""".formatted(violations(asOf), flags, failing,
                lists, resolution.formatted("resolved_by"), resolution.formatted("resolution"),
                resolution.formatted("resolved_at"), asOf ? " and v.recorded_at <= :asOf" : "", state);
    }
}
