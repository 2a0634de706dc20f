-- Seeds the query side's read model and ledger copy with :changes production changes (one DeploymentRecorded event
-- each) in a tree padded to :size leaves, every complete subtree stored, for the export benchmark (README).
-- psql -v changes=1000000 -v size=1048576 -f seed.sql; size must be a power of two of at least :changes.
set search_path = query;

insert into ledger_entry (sequence, event_id, leaf_hash, entry, kafka_partition, kafka_offset)
select s, e.id, sha256('\x00'::bytea || e.bytes), e.bytes, 0, s
from generate_series(0, :size - 1) s
cross join lateral (select md5('bench-event-' || s)::uuid as id,
                           to_char((timestamptz '2026-01-01 00:00:00+00' + s * interval '30 seconds') at time zone 'UTC',
                                   'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
                           to_char((timestamptz '2026-01-01 00:00:01+00' + s * interval '30 seconds') at time zone 'UTC',
                                   'YYYY-MM-DD"T"HH24:MI:SS"Z"') as recorded) t
-- RFC 8785: keys in code-unit order, no white space; the values need no escaping
cross join lateral (select t.id, convert_to(
        '{"id":"' || t.id || '","occurredAt":"' || t.at || '","payload":{"actor":"bench","changeId":"'
        || md5('bench-change-' || s)::uuid || '","environment":"production","occurredAt":"' || t.at
        || '","service":"svc-' || (s % 50) || '","sourceSystem":"benchmark","version":"1.' || s
        || '"},"recordedAt":"' || t.recorded || '","revision":"1","type":"DeploymentRecorded"}', 'UTF8') as bytes) e;

insert into processed_event (event_id, event_type, global_sequence, kafka_partition, kafka_offset)
select event_id, 'DeploymentRecorded', sequence + 1, 0, sequence from ledger_entry;

insert into production_change (change_id, kind, service, environment, version, actor, source_system, occurred_at,
                               recorded_at, event_id, global_sequence, status, requester, details)
select md5('bench-change-' || s)::uuid::text, 'DEPLOYMENT', 'svc-' || (s % 50), 'production', '1.' || s, 'bench',
       'benchmark', timestamptz '2026-01-01 00:00:00+00' + s * interval '30 seconds',
       timestamptz '2026-01-01 00:00:01+00' + s * interval '30 seconds', md5('bench-event-' || s)::uuid, s + 1,
       'COMPLETED', 'bench', jsonb_build_object('kind', 'DEPLOYMENT', 'version', '1.' || s)
from generate_series(0, :changes - 1) s;

insert into change_history (change_id, global_sequence, event_id, type, actor, occurred_at, recorded_at, summary,
                            status_after, approval_count_after, finished_at_after, review_status_after,
                            review_overdue_after)
select change_id, global_sequence, event_id, 'DeploymentRecorded', actor, occurred_at, recorded_at,
       jsonb_build_object('version', version), 'COMPLETED', 0, occurred_at, 'NONE', false
from production_change where source_system = 'benchmark';

-- one change in twenty breached the freeze, within its own first event
insert into control_violation (change_id, violation_id, control, detail, occurred_at, recorded_at, global_sequence)
select change_id, 'CHANGE_FREEZE-1', 'CHANGE_FREEZE', 'during the freeze', occurred_at, recorded_at, global_sequence
from production_change where source_system = 'benchmark' and global_sequence % 20 = 0;

insert into ledger_node (level, node_index, hash)
select 1, l.sequence / 2, sha256('\x01'::bytea || l.leaf_hash || r.leaf_hash)
from ledger_entry l join ledger_entry r on r.sequence = l.sequence + 1
where l.sequence % 2 = 0;

do $$
declare
    top int := (select max(level) from ledger_node);
begin
    loop
        insert into ledger_node (level, node_index, hash)
        select top + 1, l.node_index / 2, sha256('\x01'::bytea || l.hash || r.hash)
        from ledger_node l join ledger_node r on r.level = top and r.node_index = l.node_index + 1
        where l.level = top and l.node_index % 2 = 0;
        exit when not found;
        top := top + 1;
    end loop;
end $$;

update ledger_head set tree_size = :size, updated_at = now(),
    root_hash = (select hash from ledger_node order by level desc limit 1);

analyze;
select encode(root_hash, 'hex') as root from ledger_head \gset
\echo root :root
