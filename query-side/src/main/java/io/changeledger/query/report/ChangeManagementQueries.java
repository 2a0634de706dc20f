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
 * side recorded by the policy each change carried, its evidence and the state of its retrospective review; no policy
 * is evaluated again here. The change's row keeps when its first evidence, its reaching production and the first
 * violation of each control were recorded (V6), so that a change is judged from its own row, as known at any moment.
 *
 * <p>"As known at T" counts a change once the ledger had recorded it by T, in the population once it had recorded
 * it reaching production by T, with evidence or a violation once the first of them was recorded by T, and only the
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
        String scope = conditions.isEmpty() ? "" : " and " + String.join(" and ", conditions);

        long[] counts = jdbc.sql(counts(asOf != null, scope)).paramSource(params).query((rs, row) -> {
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
            jdbc.sql(exceptions(asOf != null, scope)).paramSource(params).query((ResultSet rs) -> {
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
                rs.getString("environment"), Rows.instant(rs, "occurred_at"), rs.getString("status_known"), failure,
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
                case "REJECTED" -> "the retrospective review by " + rs.getString("reviewer_known")
                        + " rejected the change";
                case "NONE" -> "no retrospective review was opened";
                default -> "the retrospective review was due at " + Rows.instant(rs, "review_due_at")
                        + " and is not completed";
            };
        }
        return check.control() + " violated";
    }

    /** Which of the period's changes a statement reads, and so which facts it has at hand. */
    private enum Source {
        /** Every change, with what its own row holds: all but the state of an emergency change's review. */
        ALL,
        /** The emergency changes, with their review's state: a few percent, by the partial index. */
        EMERGENCY
    }

    /**
     * The changes of the period and scope one source reads, with whether each check applies ({@code a_}) and whether
     * it failed ({@code f_}). A change's row says when its evidence, its reaching production and each control's first
     * violation were recorded, so that a million changes are judged in one scan, as known at any moment.
     */
    private static String flags(boolean asOf, String scope, Source source) {
        String review = source == Source.ALL ? "c.review_status, c.review_due_at" : asOf ? """
                coalesce(r.review_status, 'NONE') as review_status, r.review_due_at"""
                : "c.review_status, c.review_due_at";
        String join = source == Source.EMERGENCY && asOf ? """
                left join lateral (select h.review_status_after as review_status, h.review_due_at_after as review_due_at
                    from change_history h where h.change_id = c.change_id and h.recorded_at <= :asOf
                    order by h.global_sequence desc limit 1) r on true""" : "";
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
                    select c.change_id, c.kind, c.service, c.environment, c.occurred_at, c.global_sequence,
                        c.emergency, c.required_approvals, %1$s,
                        %2$s as implemented, %3$s as has_evidence,
                        c.production is not null as has_policy,
                        coalesce(c.segregation_of_duties, false) as segregation,
                        coalesce(c.staging_required, false) as staging,
                        %4$s as v_approval, %5$s as v_sod, %6$s as v_review, %7$s as v_freeze, %8$s as v_staging
                    from production_change c
                    %9$s
                    where c.occurred_at >= :from and c.occurred_at < :to
                      and coalesce(c.production, c.environment = 'production')%10$s%11$s) b""".formatted(review,
                known(asOf, "implemented"), known(asOf, "evidence"), known(asOf, "approval_violation"),
                known(asOf, "segregation_violation"), known(asOf, "review_violation"),
                known(asOf, "freeze_violation"), known(asOf, "staging_violation"), join,
                source == Source.EMERGENCY ? " and c.emergency" : "", scope);
    }

    /** Whether the fact whose first recording the column {@code <fact>_recorded_at} keeps was known. */
    private static String known(boolean asOf, String fact) {
        String column = "c." + fact + "_recorded_at";
        return asOf ? "coalesce(" + column + " <= :asOf, false)" : column + " is not null";
    }

    private static String counts(boolean asOf, String scope) {
        StringBuilder counted = new StringBuilder();
        for (Check check : CHECK_COLUMNS) {
            String c = check.column();
            counted.append(",\n        count(*) filter (where a_").append(c).append(") as a_").append(c);
            if (!c.equals("emergency")) {
                counted.append(", count(*) filter (where f_").append(c).append(") as n_").append(c);
            }
        }
        return """
                select * from (
                    select count(*) filter (where implemented) as population,
                        count(*) filter (where not implemented) as not_implemented,
                        count(*) filter (where implemented and not has_policy) as without_policy,
                        count(*) filter (where a_emergency) as emergency_changes%1$s
                    from (%2$s) f) a,
                (select count(*) filter (where f_emergency) as n_emergency,
                    count(*) filter (where pending_emergency) as n_emergency_pending
                    from (%3$s) f) e""".formatted(counted, flags(asOf, scope, Source.ALL),
                flags(asOf, scope, Source.EMERGENCY));
    }

    /**
     * The first exceptions of each check, in the order the changes happened, with what the ledger says of each: the
     * failing changes are few beside the population, so each check's first ones are a top-N of them.
     */
    private static String exceptions(boolean asOf, String scope) {
        StringBuilder failing = new StringBuilder();
        StringBuilder lists = new StringBuilder();
        for (int i = 0; i < CHECK_COLUMNS.size(); i++) {
            String c = CHECK_COLUMNS.get(i).column();
            String from = c.equals("emergency") ? "e" : "x";
            if (!c.equals("emergency")) {
                failing.append(failing.isEmpty() ? "" : " or ").append("f_").append(c);
            }
            lists.append(lists.isEmpty() ? "" : "\n    union all ").append("(select ").append(i)
                    .append(" as check_index, ").append(from).append(".* from ").append(from).append(" where f_")
                    .append(c).append(" order by occurred_at, global_sequence limit :limit)");
        }
        String state = asOf ? """
                cross join lateral (select h.status_after as status_known, h.reviewer_after as reviewer_known
                    from change_history h where h.change_id = l.change_id and h.recorded_at <= :asOf
                    order by h.global_sequence desc limit 1) s"""
                : """
                cross join lateral (select c.status as status_known, c.reviewer as reviewer_known
                    from production_change c where c.change_id = l.change_id) s""";
        String resolution = asOf ? "case when v.resolution_recorded_at <= :asOf then v.%s end" : "v.%s";
        return """
                with x as materialized (
                    select f.* from (%1$s) f where %2$s),
                e as (%3$s),
                l as (
                    %4$s)
                select l.*, s.status_known, s.reviewer_known,
                    (select coalesce(json_agg(json_build_object('violationId', v.violation_id, 'control', v.control,
                            'detail', v.detail, 'resolvedBy', %5$s, 'resolution', %6$s, 'resolvedAt', %7$s)
                            order by v.global_sequence), '[]')
                        from control_violation v where v.change_id = l.change_id%8$s) as violations
                from l
                %9$s
                order by l.check_index, l.occurred_at, l.global_sequence""".formatted(
                flags(asOf, scope, Source.ALL), failing, flags(asOf, scope, Source.EMERGENCY), lists,
                resolution.formatted("resolved_by"), resolution.formatted("resolution"),
                resolution.formatted("resolved_at"), asOf ? " and v.recorded_at <= :asOf" : "", state);
    }
}
