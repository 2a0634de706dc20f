package io.changeledger.command.change;

import io.changeledger.command.config.AfterCommit;
import io.changeledger.command.config.TransactionState;
import io.changeledger.command.freeze.FreezeLookup;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeFailed;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.ChangeRejected;
import io.changeledger.events.change.ChangeRequested;
import io.changeledger.events.change.ChangeRolledBack;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.RetrospectiveReviewCompleted;
import io.changeledger.events.change.RetrospectiveReviewOpened;
import io.changeledger.events.change.RetrospectiveReviewOverdue;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the command side must find across changes: the open change a tool's report correlates with, the
 * versions that ran in staging, the reviews whose deadline passed. Written by a subscribing processor in the
 * transaction that stores the events, so it is never behind the event store.
 * <p>
 * Only changes that a later lookup can ask about get a row: open ones, staging ones and emergencies. The
 * open changes' correlation keys are also kept in memory (applied after commit, reloaded every minute for
 * writes by other processes), because every report asks for them and the answer is almost always "none":
 * the benchmark measured both database round trips as a tenth of the ledger's throughput.
 * <p>
 * New rows wait in memory until the transaction commits, or until a statement on the table needs them, and are then
 * inserted in one statement: ingested items share a transaction, and a statement per row cost the database more than
 * the rows did. A lookup in that transaction sees them all the same.
 */
@Component
@ProcessingGroup(FreezeLookup.PROCESSING_GROUP)
class ChangeLookup implements ChangeReports.CorrelationLookup {

    private static final String OPEN = "status in ('REQUESTED', 'IN_PROGRESS')";

    private final JdbcClient jdbc;
    private final ChangePolicyProperties policy;
    /** Open changes by correlation key, oldest first; null until first loaded. Guarded by {@code this}. */
    private Map<String, Deque<String>> openByKey;
    private final Map<String, String> keyOfOpenChange = new HashMap<>();

    ChangeLookup(JdbcClient jdbc, ChangePolicyProperties policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    @EventHandler
    void on(ChangeRequested event) {
        insert(event.changeId(), event.service(), event.environment(), event.correlationKey(), event.details(),
                "REQUESTED", null, event.sourceSystem());
        opened(event.changeId(), event.correlationKey());
    }

    @EventHandler
    void on(ChangeRecorded event) {
        boolean open = event.outcome() == ChangeOutcome.STARTED;
        if (open || event.emergency() || event.correlationKey() != null
                || policy.stagingEnvironments().contains(event.environment())) {
            String status = open ? "IN_PROGRESS" : event.outcome().name();
            insert(event.changeId(), event.service(), event.environment(), event.correlationKey(),
                    event.details(), status, event.outcome() == ChangeOutcome.COMPLETED ? event.occurredAt() : null,
                    event.sourceSystem());
        }
        if (open) {
            opened(event.changeId(), event.correlationKey());
        }
    }

    @EventHandler
    void on(ChangeRejected event) {
        status(event.changeId(), "REJECTED", null, null);
    }

    @EventHandler
    void on(ChangeStarted event) {
        status(event.changeId(), "IN_PROGRESS", null, event.sourceSystem());
    }

    @EventHandler
    void on(ChangeCompleted event) {
        status(event.changeId(), "COMPLETED", event.occurredAt(), event.sourceSystem());
    }

    @EventHandler
    void on(ChangeFailed event) {
        status(event.changeId(), "FAILED", null, event.sourceSystem());
    }

    @EventHandler
    void on(ChangeRolledBack event) {
        status(event.changeId(), "ROLLED_BACK", null, event.sourceSystem());
    }

    @EventHandler
    void on(RetrospectiveReviewOpened event) {
        insertPending();
        jdbc.sql("update change_lookup set review_due_at = ? where change_id = ?")
                .params(Timestamp.from(event.dueAt()), event.changeId()).update();
    }

    @EventHandler
    void on(RetrospectiveReviewOverdue event) {
        reviewSettled(event.changeId());
    }

    @EventHandler
    void on(RetrospectiveReviewCompleted event) {
        reviewSettled(event.changeId());
    }

    /**
     * The newest open change with the key: a report of a deployment lands on the change that planned it. Changes
     * opened or closed earlier in the caller's transaction count, though memory learns of them only at its commit:
     * ingested items share a transaction, and a report must find the change an item before it planned.
     */
    @Override
    public synchronized Optional<String> openChangeCorrelatedBy(String correlationKey) {
        Uncommitted mine = uncommitted(false);
        Set<String> closedByMe = mine == null ? Set.of() : mine.closed;
        if (mine != null) {
            Optional<String> openedByMe = newestOpen(mine.opened.get(correlationKey), closedByMe);
            if (openedByMe.isPresent()) {
                return openedByMe;
            }
        }
        if (openByKey == null) {
            reloadOpenChanges();
        }
        return newestOpen(openByKey.get(correlationKey), closedByMe);
    }

    private static Optional<String> newestOpen(Deque<String> open, Set<String> closed) {
        if (open == null) {
            return Optional.empty();
        }
        for (Iterator<String> newestFirst = open.descendingIterator(); newestFirst.hasNext(); ) {
            String changeId = newestFirst.next();
            if (!closed.contains(changeId)) {
                return Optional.of(changeId);
            }
        }
        return Optional.empty();
    }

    /**
     * What the current transaction opened and closed, until it ends; null outside a transaction.
     *
     * @param create whether to start keeping it, if this transaction has not opened or closed a change yet
     */
    private Uncommitted uncommitted(boolean create) {
        return create ? TransactionState.getOrCreate(this, Uncommitted::new, this::insertPending)
                : TransactionState.get(this);
    }

    private static final class Uncommitted {
        final Map<String, Deque<String>> opened = new HashMap<>();
        final Set<String> closed = new HashSet<>();
        final List<Row> pending = new ArrayList<>();
        /** Rows under the keys asked for ahead, newest first, as of then and kept up to date by this transaction. */
        final Map<String, List<Reported>> reported = new HashMap<>();
        /** Keys with more rows than were fetched ahead: a miss among those fetched asks the database. */
        final Set<String> truncated = new HashSet<>();
        Instant reportedSince;
    }

    /** A change reported under a correlation key; {@code reportedAt} null if this transaction inserted it. */
    private record Reported(String changeId, Instant reportedAt, Set<String> reporters) {
    }

    /**
     * The newest change reported under the key since {@code since}, open or not, that the reporting tool has not
     * reported on itself: a second tool's report of a deployment another tool already reported lands on the same
     * change, while the same tool reporting the same version again deployed it again.
     */
    @Override
    public Optional<String> changeReportedSince(String correlationKey, String sourceSystem, Instant since) {
        Uncommitted mine = uncommitted(false);
        if (mine != null) {
            // rows not yet inserted are this transaction's newest; one that does not match can't change the answer
            for (int i = mine.pending.size() - 1; i >= 0; i--) {
                Row row = mine.pending.get(i);
                if (correlationKey.equals(row.correlationKey())
                        && (sourceSystem == null || !sourceSystem.equals(row.sourceSystem()))) {
                    return Optional.of(row.changeId());
                }
            }
            List<Reported> known = mine.reportedSince == null || since.isBefore(mine.reportedSince) ? null
                    : mine.reported.get(correlationKey);
            if (known != null) {
                for (Reported reported : known) {
                    if ((reported.reportedAt() == null || !reported.reportedAt().isBefore(since))
                            && (sourceSystem == null || !reported.reporters().contains(sourceSystem))) {
                        return Optional.of(reported.changeId());
                    }
                }
                if (!mine.truncated.contains(correlationKey)) {
                    return Optional.empty();
                }
            }
        }
        return jdbc.sql("""
                        select change_id from change_lookup where correlation_key = ? and reported_at >= ?
                            and not coalesce(?::text = any(reporters), false)
                        order by reported_at desc, seq desc limit 1""")
                .params(correlationKey, Timestamp.from(since), sourceSystem).query(String.class).optional();
    }

    /**
     * Reads, in one statement, the changes reported under any of the keys since {@code since}, for the rest of the
     * current transaction: {@link #changeReportedSince} then answers those keys without a statement each. Ingested
     * items share a transaction, and that statement per report cost the command side a tenth of its CPU. A key with
     * more than {@value #AHEAD_PER_KEY} such changes keeps only its newest, and a report none of them matches asks
     * the database. Does nothing outside a transaction.
     */
    @Override
    public void readAhead(Collection<String> correlationKeys, Instant since) {
        Uncommitted mine = uncommitted(true);
        if (mine == null || correlationKeys.isEmpty()) {
            return;
        }
        insertPending();
        mine.reported.clear();
        mine.truncated.clear();
        mine.reportedSince = since;
        Set<String> keys = new HashSet<>(correlationKeys);
        keys.forEach(key -> mine.reported.put(key, new ArrayList<>()));
        jdbc.sql(READ_AHEAD)
                .params(keys.toArray(String[]::new), Timestamp.from(since), AHEAD_PER_KEY + 1)
                .query(rs -> {
                    List<Reported> rows = mine.reported.get(rs.getString("correlation_key"));
                    if (rows.size() == AHEAD_PER_KEY) {
                        mine.truncated.add(rs.getString("correlation_key"));
                    } else {
                        rows.add(new Reported(rs.getString("change_id"), rs.getTimestamp("reported_at").toInstant(),
                                new HashSet<>(Arrays.asList((String[]) rs.getArray("reporters").getArray()))));
                    }
                });
    }

    private static final int AHEAD_PER_KEY = 20;

    /**
     * Each key's newest rows by the index, whatever the statistics say: as one scan filtered by
     * {@code correlation_key = any(?)}, a plan made while the table was empty (a sequential scan) stayed with the
     * prepared statement until the table was next analyzed, and read all of it per chunk (321 ms at 200,000 rows,
     * against 0.2 ms by the index). A subquery with a limit is not flattened, so it is planned per key.
     */
    static final String READ_AHEAD = """
            select k.correlation_key, r.change_id, r.reported_at, r.reporters
            from unnest(?::text[]) as k (correlation_key)
            cross join lateral (select change_id, reported_at, reporters, seq from change_lookup c
                where c.correlation_key = k.correlation_key and c.reported_at >= ?
                order by c.reported_at desc, c.seq desc limit ?) r
            order by k.correlation_key, r.reported_at desc, r.seq desc""";

    /** Reads inside the lock, so that a change opened or closed meanwhile is applied after, not lost. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    synchronized void reloadOpenChanges() {
        insertPending();
        openByKey = new HashMap<>();
        keyOfOpenChange.clear();
        jdbc.sql("select change_id, correlation_key from change_lookup where correlation_key is not null and "
                        + OPEN + " order by seq")
                .query(rs -> {
                    add(rs.getString("change_id"), rs.getString("correlation_key"));
                });
    }

    private void opened(String changeId, String correlationKey) {
        if (correlationKey != null) {
            Uncommitted mine = uncommitted(true);
            if (mine != null) {
                mine.opened.computeIfAbsent(correlationKey, key -> new ArrayDeque<>()).addLast(changeId);
            }
            AfterCommit.run(() -> {
                synchronized (this) {
                    if (openByKey != null) {
                        add(changeId, correlationKey);
                    }
                }
            });
        }
    }

    private void closed(String changeId) {
        Uncommitted mine = uncommitted(true);
        if (mine != null) {
            mine.closed.add(changeId);
        }
        AfterCommit.run(() -> {
            synchronized (this) {
                String key = keyOfOpenChange.remove(changeId);
                if (key != null && openByKey != null) {
                    Deque<String> open = openByKey.get(key);
                    open.remove(changeId);
                    if (open.isEmpty()) {
                        openByKey.remove(key);
                    }
                }
            }
        });
    }

    private void add(String changeId, String correlationKey) {
        if (keyOfOpenChange.putIfAbsent(changeId, correlationKey) == null) {
            openByKey.computeIfAbsent(correlationKey, key -> new ArrayDeque<>()).addLast(changeId);
        }
    }

    boolean completedIn(String service, String version, List<String> environments, Instant atOrBefore) {
        insertPending();
        return jdbc.sql("""
                        select exists (select 1 from change_lookup where service = ? and version = ?
                            and environment = any(?) and status in ('COMPLETED', 'ROLLED_BACK') and completed_at <= ?)""")
                .params(service, version, environments.toArray(String[]::new), Timestamp.from(atOrBefore))
                .query(Boolean.class).single();
    }

    List<String> reviewsDueBy(Instant now, int limit) {
        insertPending();
        return jdbc.sql("select change_id from change_lookup where review_due_at <= ? order by review_due_at limit ?")
                .params(Timestamp.from(now), limit).query(String.class).list();
    }

    private void insert(String changeId, String service, String environment, String correlationKey,
                        ChangeDetails details, String status, Instant completedAt, String sourceSystem) {
        Row row = new Row(changeId, service, environment, correlationKey, details.deployedVersion(), status,
                completedAt, sourceSystem);
        Uncommitted mine = uncommitted(true);
        if (mine == null) {
            insert(List.of(row));
        } else {
            mine.pending.add(row);
        }
    }

    /** Inserts the rows this transaction still holds in memory, if any. */
    private void insertPending() {
        Uncommitted mine = uncommitted(false);
        if (mine != null && !mine.pending.isEmpty()) {
            List<Row> rows = List.copyOf(mine.pending);
            mine.pending.clear();
            insert(rows);
            for (Row row : rows) {
                List<Reported> known = row.correlationKey() == null ? null : mine.reported.get(row.correlationKey());
                if (known != null) {
                    Set<String> reporters = new HashSet<>();
                    reporters.add(row.sourceSystem());
                    known.add(0, new Reported(row.changeId(), null, reporters));
                }
            }
        }
    }

    private void insert(List<Row> rows) {
        jdbc.sql("""
                        insert into change_lookup (change_id, service, environment, correlation_key, version, status,
                            completed_at, reported_at, reporters)
                        select change_id, service, environment, correlation_key, version, status,
                            completed_at::timestamptz, now(), array[reporter]
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[]) with ordinality as item (change_id, service, environment, correlation_key,
                            version, status, completed_at, reporter, n)
                        order by n""")
                .params(column(rows, Row::changeId), column(rows, Row::service), column(rows, Row::environment),
                        column(rows, Row::correlationKey), column(rows, Row::version), column(rows, Row::status),
                        column(rows, row -> row.completedAt() == null ? null : row.completedAt().toString()),
                        column(rows, Row::sourceSystem))
                .update();
    }

    private static String[] column(List<Row> rows, Function<Row, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private record Row(String changeId, String service, String environment, String correlationKey, String version,
                       String status, Instant completedAt, String sourceSystem) {
    }

    /** @param sourceSystem the tool that reported the step, if the event names one */
    private void status(String changeId, String status, Instant completedAt, String sourceSystem) {
        if (!status.equals("IN_PROGRESS")) {
            closed(changeId);
        }
        insertPending();
        Uncommitted mine = sourceSystem == null ? null : uncommitted(false);
        if (mine != null) {
            mine.reported.values().forEach(rows -> rows.stream().filter(row -> row.changeId().equals(changeId))
                    .forEach(row -> row.reporters().add(sourceSystem)));
        }
        jdbc.sql("""
                        update change_lookup set status = ?, completed_at = coalesce(?, completed_at),
                            reporters = case when ?::text is null or ?::text = any(reporters) then reporters
                                             else array_append(reporters, ?::text) end
                        where change_id = ?""")
                .params(status, completedAt == null ? null : Timestamp.from(completedAt), sourceSystem, sourceSystem,
                        sourceSystem, changeId).update();
    }

    private void reviewSettled(String changeId) {
        insertPending();
        jdbc.sql("update change_lookup set review_due_at = null where change_id = ?").param(changeId).update();
    }
}
