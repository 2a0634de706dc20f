-- A year (2001) of production changes for the change-management report, written straight into the query side's
-- read model: :prefix names this run's rows, :changes how many. The mix (per change number n):
--   1 in 100 never started (REQUESTED or APPROVED); of the rest 2 in 100 FAILED, 1 in 100 ROLLED_BACK
--   1 in 33 an emergency hotfix: its review accepted in time (8 in 10), overdue with a violation (1 in 10) or open
--   non-emergency changes need one approval (1 in 5 two, as high risk); 1 in 50 started without it (violation)
--   1 in 200 deployed by its approver (segregation violation, half of them resolved); 1 in 300 in a freeze
--   1 in 20 without evidence, the others with one or two links
-- Each implemented change has three history rows (requested, started, finished), so that "as of" has work to do.
-- The first-recorded columns of V6 are written with the change, as the projection would have left them: its first
-- evidence is recorded with it (1 in 20 have none), it reached production an hour later (its start's history row),
-- and its violations were recorded then too.
-- Updating them afterwards would leave three versions of every row, a table three times its size.
insert into production_change (change_id, kind, service, environment, version, actor, requester, source_system,
    correlation_key, risk, emergency, production, required_approvals, segregation_of_duties, staging_required,
    review_deadline, approval_count, status, started_at, finished_at, details, attributes, review_status,
    review_due_at, review_overdue, reviewer, review_completed_at, occurred_at, recorded_at, event_id,
    global_sequence, evidence_recorded_at, implemented_recorded_at, approval_violation_recorded_at,
    segregation_violation_recorded_at, freeze_violation_recorded_at, review_violation_recorded_at)
select :prefix || n,
    case when n % 33 = 0 then 'HOTFIX' when n % 10 = 0 then 'CONFIGURATION_CHANGE' else 'DEPLOYMENT' end,
    'bench-svc-' || (abs(hashtext(n::text)) % 50), case when n % 10 = 3 then 'production-eu' else 'production' end,
    '1.' || (n % 1000), 'user-' || (n % 97), 'user-' || (n % 97), 'bench', null,
    case when n % 5 = 0 then 'HIGH' else 'MEDIUM' end, n % 33 = 0, true,
    case when n % 5 = 0 then 2 else 1 end, true, false, 'PT72H',
    case when n % 33 = 0 or n % 50 = 1 then 0 when n % 5 = 0 then 2 else 1 end,
    case when n % 100 = 7 then 'REQUESTED' when n % 100 = 8 then 'APPROVED' when n % 100 = 9 then 'FAILED'
         when n % 100 = 11 then 'FAILED' when n % 100 = 13 then 'ROLLED_BACK' else 'COMPLETED' end,
    case when n % 100 in (7, 8) then null else t + interval '1 hour' end,
    case when n % 100 in (7, 8) then null else t + interval '90 minutes' end,
    jsonb_build_object('kind', 'DEPLOYMENT', 'version', '1.' || (n % 1000)), '{}',
    case when n % 33 <> 0 or n % 100 in (7, 8) then 'NONE' when n % 10 = 1 then 'OPEN' when n % 10 = 2 then 'OPEN'
         else 'ACCEPTED' end,
    case when n % 33 = 0 and n % 100 not in (7, 8) then t + interval '73 hours' end,
    n % 33 = 0 and n % 10 = 1 and n % 100 not in (7, 8),
    case when n % 33 = 0 and n % 10 not in (1, 2) and n % 100 not in (7, 8) then 'reviewer-' || (n % 7) end,
    case when n % 33 = 0 and n % 10 not in (1, 2) and n % 100 not in (7, 8) then t + interval '30 hours' end,
    t, t + interval '1 second', gen_random_uuid(), n,
    case when n % 20 <> 0 then t + interval '1 second' end,
    case when n % 100 not in (7, 8) then t + interval '1 second' + interval '1 hour' end,
    case when n % 100 not in (7, 8) and n % 50 = 1 and n % 33 <> 0 then t + interval '1 second' + interval '1 hour' end,
    case when n % 100 not in (7, 8) and n % 200 in (17, 117) then t + interval '1 second' + interval '1 hour' end,
    case when n % 100 not in (7, 8) and n % 300 = 5 then t + interval '1 second' + interval '1 hour' end,
    case when n % 100 not in (7, 8) and n % 33 = 0 and n % 10 = 1 then t + interval '1 second' + interval '1 hour' end
from (select n, timestamptz '2001-01-01 00:00:00+00' + (n * interval '31 seconds') as t
      from generate_series(1, :changes) as n) s;

insert into change_history (change_id, global_sequence, event_id, type, actor, occurred_at, recorded_at, summary,
    status_after, approval_count_after, started_at_after, finished_at_after, review_status_after,
    review_due_at_after, review_overdue_after, reviewer_after, review_completed_at_after)
select c.change_id, c.global_sequence * 4 + h.step, gen_random_uuid(),
    case h.step when 0 then 'ChangeRequested' when 1 then 'ChangeStarted' else 'ChangeCompleted' end,
    c.actor, c.occurred_at + h.step * interval '1 hour', c.recorded_at + h.step * interval '1 hour', '{}',
    case h.step when 0 then 'REQUESTED' when 1 then 'IN_PROGRESS' else c.status end,
    c.approval_count, case when h.step > 0 then c.started_at end, case when h.step = 2 then c.finished_at end,
    case when h.step = 2 then c.review_status else 'NONE' end, case when h.step = 2 then c.review_due_at end,
    h.step = 2 and c.review_overdue, case when h.step = 2 then c.reviewer end,
    case when h.step = 2 then c.review_completed_at end
from production_change c
cross join lateral (select generate_series(0, case when c.started_at is null then 0 else 2 end) as step) h
where c.change_id like :prefix || '%';

insert into change_approval (change_id, global_sequence, event_id, decision, approver, reason, freeze_exception,
    occurred_at, recorded_at)
select c.change_id, c.global_sequence * 4 + 3 + a.k, gen_random_uuid(), 'APPROVED', 'approver-' || ((c.global_sequence + a.k) % 13),
    null, false, c.occurred_at + interval '30 minutes', c.recorded_at + interval '30 minutes'
from production_change c cross join lateral generate_series(1, c.approval_count) as a(k)
where c.change_id like :prefix || '%';

insert into change_evidence (change_id, global_sequence, position, type, url, sha256, description, attached_by,
    occurred_at, recorded_at)
select c.change_id, c.global_sequence * 4 + 1, e.k, case e.k when 1 then 'PULL_REQUEST' else 'CI_RUN' end,
    'https://ci.example/' || c.change_id || '/' || e.k, null, null, 'ci-bot', c.occurred_at, c.recorded_at
from production_change c cross join lateral generate_series(1, 1 + (c.global_sequence % 2)::int) as e(k)
where c.change_id like :prefix || '%' and c.global_sequence % 20 <> 0;

insert into control_violation (change_id, violation_id, control, detail, reference, occurred_at, recorded_at,
    global_sequence, resolved_by, resolution, resolved_at, resolution_recorded_at)
select c.change_id, v.control || '-1', v.control, v.detail, null, c.started_at, c.recorded_at + interval '1 hour',
    c.global_sequence * 4 + 2, v.resolved_by, v.resolution, v.resolved_at, v.resolved_at
from production_change c
cross join lateral (values
    ('APPROVAL_BEFORE_DEPLOYMENT', 'started with 0 of 1 required approvals', c.global_sequence % 50 = 1
        and not c.emergency, null, null, cast(null as timestamptz)),
    ('SEGREGATION_OF_DUTIES', 'the approver also deployed it', c.global_sequence % 200 = 17, 'auditor-1',
        'accepted after review', c.started_at + interval '2 days'),
    ('SEGREGATION_OF_DUTIES', 'the approver also deployed it', c.global_sequence % 200 = 117, null, null, null),
    ('CHANGE_FREEZE', 'made during freeze ''year end'' without an exception approval', c.global_sequence % 300 = 5,
        null, null, null),
    ('EMERGENCY_REVIEW', 'retrospective review not completed by its deadline', c.review_overdue, null, null, null))
    as v(control, detail, applies, resolved_by, resolution, resolved_at)
where c.change_id like :prefix || '%' and c.started_at is not null and v.applies;

