package io.changeledger.query.report;

import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.report.DoraReport.Bucket;
import io.changeledger.query.report.DoraReport.LeadTime;
import io.changeledger.query.report.DoraReport.Series;
import io.changeledger.query.report.DoraReport.TimeToRestore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * DORA metrics from the change and incident read models, aggregated by PostgreSQL per service, environment and
 * bucket; the buckets nothing happened in are filled in here.
 *
 * <p>A deployment belongs to the bucket in which it first finished (completed, failed or was rolled back): a
 * deployment that started in one week and completed in the next counts in the next, and a later rollback does not
 * move it. It failed if its change failed or was rolled back, if a ROLLBACK change names it, or if an incident names
 * it; an EXISTS for each, so two incidents make one failed deployment. Lead time runs from the change's first commit
 * to its deployment, or from its merge when no commit is known: times only evidence gives, as COMMIT and MERGE links
 * occurred at the commit or the merge (CDEvents {@code dev.cdevents.change.merged} becomes a MERGE). A PULL_REQUEST
 * link described "merged …" is what the merge became before MERGE existed, and still counts as one.
 */
@Component
class DoraQueries {

    static final String NO_MERGE_TIME = "no completed deployment here has evidence of a commit or a merge with its"
            + " time (a COMMIT or MERGE link, as CDEvents dev.cdevents.change.merged gives); lead time is not"
            + " estimated from anything else";

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;

    DoraQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    DoraReport handle(FindDoraMetricsQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private DoraReport answer(FindDoraMetricsQuery query) {
        Instant asOf = query.asOf();
        Params params = new Params();
        params.time("from", query.from()).time("to", query.to()).time("asOf", asOf)
                .text("unit", query.granularity().field());
        String deploymentScope = scope(query, params, "c");
        String incidentScope = scope(query, params, "i");

        Map<Key, Deployments> deployments = new TreeMap<>();
        jdbc.sql("""
                        with d as (
                            select c.change_id, c.service, c.environment, f.deployed_at, f.completed, f.status,
                                s.committed_at, s.merged_at
                            from production_change c
                            cross join lateral (
                                select min(e.occurred_at) filter (where e.type = 'COMMIT') as committed_at,
                                    min(e.occurred_at) filter (where e.type = 'MERGE' or e.type = 'PULL_REQUEST'
                                        and e.description like 'merged %%') as merged_at
                                from change_evidence e
                                where e.change_id = c.change_id
                                  and e.type in ('COMMIT', 'MERGE', 'PULL_REQUEST')%1$s) s
                            cross join lateral (
                                select min(h.finished_at_after) as deployed_at,
                                    bool_or(h.status_after = 'COMPLETED') as completed,
                                    (array_agg(h.status_after order by h.global_sequence desc))[1] as status
                                from change_history h where h.change_id = c.change_id%2$s) f
                            where c.kind in ('DEPLOYMENT', 'HOTFIX', 'SECURITY_PATCH')
                              and coalesce(c.production, c.environment = 'production')%3$s%4$s
                              and f.deployed_at >= :from and f.deployed_at < :to),
                        m as (
                            select d.*,
                                d.status in ('FAILED', 'ROLLED_BACK')
                                    or exists (select 1 from incident i where i.change_id = d.change_id
                                        and i.report_event_id is not null%5$s)
                                    or exists (select 1 from production_change r where r.kind = 'ROLLBACK'
                                        and r.details ->> 'rolledBackChangeId' = d.change_id%6$s) as failed,
                                least(d.committed_at, d.merged_at) as lead_from
                            from d),
                        l as (
                            select m.*, case when m.completed and m.lead_from <= m.deployed_at
                                then extract(epoch from m.deployed_at - m.lead_from) end as lead_seconds
                            from m)
                        select service, environment, date_trunc(:unit, deployed_at at time zone 'UTC') as bucket,
                            count(*) as deployments, count(*) filter (where failed) as failed,
                            count(*) filter (where completed) as completed, count(lead_seconds) as measured,
                            count(lead_seconds) filter (where lead_from = committed_at) as from_commit,
                            percentile_cont(0.5) within group (order by lead_seconds) as lead_median,
                            percentile_cont(0.9) within group (order by lead_seconds) as lead_p90
                        from l group by 1, 2, 3""".formatted(known("e.recorded_at", asOf),
                        known("h.recorded_at", asOf), known("c.recorded_at", asOf), deploymentScope,
                        known("i.report_recorded_at", asOf), known("r.recorded_at", asOf)))
                .paramSource(params)
                .query((ResultSet rs) -> {
                    deployments.put(key(rs), new Deployments(rs.getLong("deployments"), rs.getLong("failed"),
                            rs.getLong("completed"), rs.getLong("measured"), rs.getLong("from_commit"),
                            number(rs, "lead_median"),
                            number(rs, "lead_p90")));
                });

        Map<Key, Incidents> incidents = new TreeMap<>();
        jdbc.sql("""
                        with i as (
                            select i.service, i.environment, i.reported_at, i.change_id,
                                case when i.resolved_at is not null%1$s
                                    then extract(epoch from i.resolved_at - i.reported_at) end as restore_seconds
                            from incident i
                            where i.report_event_id is not null%2$s%3$s
                              and i.reported_at >= :from and i.reported_at < :to)
                        select service, environment, date_trunc(:unit, reported_at at time zone 'UTC') as bucket,
                            count(*) as incidents, count(restore_seconds) as resolved,
                            count(*) filter (where change_id is null) as without_change,
                            percentile_cont(0.5) within group (order by restore_seconds) as restore_median,
                            percentile_cont(0.9) within group (order by restore_seconds) as restore_p90
                        from i group by 1, 2, 3""".formatted(known("i.resolution_recorded_at", asOf),
                        known("i.report_recorded_at", asOf), incidentScope))
                .paramSource(params)
                .query((ResultSet rs) -> {
                    incidents.put(key(rs), new Incidents(rs.getLong("incidents"), rs.getLong("resolved"),
                            rs.getLong("without_change"), number(rs, "restore_median"),
                            number(rs, "restore_p90")));
                });

        TreeMap<String, TreeSet<String>> pairs = new TreeMap<>();
        deployments.keySet().forEach(key -> pairs.computeIfAbsent(key.service(), s -> new TreeSet<>())
                .add(key.environment()));
        incidents.keySet().forEach(key -> pairs.computeIfAbsent(key.service(), s -> new TreeSet<>())
                .add(key.environment()));
        // a service and environment both named is a series even when nothing happened: its empty buckets are news
        for (String service : query.services()) {
            for (String environment : query.environments()) {
                pairs.computeIfAbsent(service, s -> new TreeSet<>()).add(environment);
            }
        }
        Granularity unit = query.granularity();
        List<LocalDate> starts = unit.buckets(query.from(), query.to());
        List<Series> series = new ArrayList<>();
        pairs.forEach((service, environments) -> environments.forEach(environment -> {
            List<Bucket> buckets = new ArrayList<>();
            for (LocalDate start : starts) {
                Key key = new Key(service, environment, start);
                buckets.add(bucket(unit, start, query,
                        deployments.getOrDefault(key, Deployments.NONE), incidents.getOrDefault(key, Incidents.NONE)));
            }
            series.add(new Series(service, environment, buckets));
        }));
        return new DoraReport(query.from(), query.to(), query.services(), query.environments(), unit.label(), asOf,
                clock.instant(), series);
    }

    private static Bucket bucket(Granularity unit, LocalDate start, FindDoraMetricsQuery query, Deployments d,
                                 Incidents i) {
        Instant begins = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant ends = unit.next(start).atStartOfDay(ZoneOffset.UTC).toInstant();
        LeadTime lead = new LeadTime(d.measured(), d.completed() - d.measured(), d.fromCommit(),
                d.measured() - d.fromCommit(), d.leadMedian(), d.leadP90(),
                d.completed() > 0 && d.measured() == 0 ? NO_MERGE_TIME : null);
        TimeToRestore restore = new TimeToRestore(i.incidents(), i.resolved(), i.incidents() - i.resolved(),
                i.withoutChange(), i.median(), i.p90());
        return new Bucket(unit.name(start), begins.isBefore(query.from()) ? query.from() : begins,
                ends.isAfter(query.to()) ? query.to() : ends, d.deployments(), d.failed(),
                d.deployments() == 0 ? null : (double) d.failed() / d.deployments(), lead, restore);
    }

    private static String scope(FindDoraMetricsQuery query, Params params, String alias) {
        StringBuilder conditions = new StringBuilder();
        if (!query.services().isEmpty()) {
            conditions.append(" and ").append(alias).append(".service in (:services)");
            params.texts("services", query.services());
        }
        if (!query.environments().isEmpty()) {
            conditions.append(" and ").append(alias).append(".environment in (:environments)");
            params.texts("environments", query.environments());
        }
        return conditions.toString();
    }

    private static String known(String column, Instant asOf) {
        return asOf == null ? "" : " and " + column + " <= :asOf";
    }

    private static Key key(ResultSet rs) throws SQLException {
        return new Key(rs.getString("service"), rs.getString("environment"),
                rs.getObject("bucket", LocalDateTime.class).toLocalDate());
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private record Key(String service, String environment, LocalDate bucket) implements Comparable<Key> {

        @Override
        public int compareTo(Key other) {
            int service = this.service.compareTo(other.service);
            if (service != 0) {
                return service;
            }
            int environment = this.environment.compareTo(other.environment);
            return environment != 0 ? environment : bucket.compareTo(other.bucket);
        }
    }

    private record Deployments(long deployments, long failed, long completed, long measured, long fromCommit,
                               Double leadMedian, Double leadP90) {
        static final Deployments NONE = new Deployments(0, 0, 0, 0, 0, null, null);
    }

    private record Incidents(long incidents, long resolved, long withoutChange, Double median, Double p90) {
        static final Incidents NONE = new Incidents(0, 0, 0, null, null);
    }
}
