package io.changeledger.query.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the read models from the topics' first offsets, for example after a projection was added or fixed:
 * the consumer's thread empties every projection's table, seeks to the beginning and applies the whole ledger
 * again, reporting how far it is. The query side's copy of the ledger is kept: it holds what the ledger signed,
 * and applying the same events again finds every entry already there.
 * <p>
 * Run it on one query-side instance with the others stopped: the tables are shared, the partitions are not.
 */
@Component
class ReadModelRebuild {

    /**
     * Tables that are not projections of the events, kept through a rebuild: the copy of the ledger, and the
     * auditors' requests and the tokens' records not yet on their way to the ledger (emptying them would lose them),
     * and the API tokens.
     */
    static final Set<String> KEPT = Set.of("flyway_schema_history", "ledger_entry", "ledger_node", "ledger_head",
            "ledger_key", "ledger_checkpoint", "auditor_request_outbox", "ledger_item_outbox", "api_token");

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    enum State { IDLE, REQUESTED, RUNNING, DONE, FAILED }

    /**
     * @param percent events applied since the start, of those on the topics when it started
     */
    record Progress(State state, Instant requestedAt, Instant startedAt, Instant finishedAt, long recordsToRead,
                    long recordsRead, double percent, List<String> tables, String failure) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private volatile Progress progress = new Progress(State.IDLE, null, null, null, 0, 0, 0, List.of(), null);
    private Map<TopicPartition, Long> begin = Map.of();
    private Map<TopicPartition, Long> target = Map.of();

    ReadModelRebuild(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    Progress progress() {
        return progress;
    }

    /** @return false if a rebuild is already asked for or running */
    synchronized boolean request() {
        if (progress.state() == State.REQUESTED || progress.state() == State.RUNNING) {
            return false;
        }
        progress = new Progress(State.REQUESTED, clock.instant(), null, null, 0, 0, 0, List.of(), null);
        return true;
    }

    boolean requested() {
        return progress.state() == State.REQUESTED;
    }

    /** The tables a rebuild empties: every table of the schema that is not {@link #KEPT}. */
    List<String> projectionTables() {
        return jdbc.sql("""
                        select table_name from information_schema.tables
                        where table_schema = current_schema() and table_type = 'BASE TABLE'
                        order by table_name""")
                .query(String.class).list().stream()
                .filter(table -> !KEPT.contains(table))
                .toList();
    }

    /**
     * On the consumer's thread, between polls: empties the read models and seeks to the beginning. Waits for a
     * later poll if the consumer has no partitions yet.
     */
    void start(KafkaConsumer<String, byte[]> kafka) {
        Set<TopicPartition> assigned = kafka.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        try {
            List<String> tables = projectionTables();
            transaction.executeWithoutResult(status -> jdbc.sql("truncate " + String.join(", ", tables)).update());
            kafka.seekToBeginning(assigned);
            begin = kafka.beginningOffsets(assigned);
            target = kafka.endOffsets(assigned);
            long toRead = assigned.stream().mapToLong(p -> target.get(p) - begin.get(p)).sum();
            progress = new Progress(State.RUNNING, progress.requestedAt(), clock.instant(), null, toRead, 0,
                    toRead == 0 ? 100 : 0, tables, null);
            log.info("Rebuilding the read models {} from the first offsets: {} records to read", tables, toRead);
            advance(kafka);
        } catch (RuntimeException e) {
            progress = new Progress(State.FAILED, progress.requestedAt(), progress.startedAt(), clock.instant(),
                    progress.recordsToRead(), progress.recordsRead(), progress.percent(), progress.tables(),
                    e.toString());
            throw e;
        }
    }

    /** Whether the record is one the running rebuild reads a second time. */
    boolean replays(ConsumerRecord<String, byte[]> record) {
        Long end = target.get(new TopicPartition(record.topic(), record.partition()));
        return progress.state() == State.RUNNING && end != null && record.offset() < end;
    }

    /** On the consumer's thread, after each applied batch: how far the rebuild has read. */
    void advance(KafkaConsumer<String, byte[]> kafka) {
        if (progress.state() != State.RUNNING) {
            return;
        }
        long read = 0;
        boolean reached = true;
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            // the position moves past transaction markers too, so it is capped at the target
            long position = Math.min(kafka.position(end.getKey()), end.getValue());
            read += position - begin.get(end.getKey());
            reached &= position >= end.getValue();
        }
        long toRead = progress.recordsToRead();
        if (reached) {
            progress = new Progress(State.DONE, progress.requestedAt(), progress.startedAt(), clock.instant(), toRead,
                    toRead, 100, progress.tables(), null);
            log.info("Rebuilt the read models from {} records in {}", toRead,
                    Duration.between(progress.startedAt(), progress.finishedAt()));
        } else {
            progress = new Progress(State.RUNNING, progress.requestedAt(), progress.startedAt(), null, toRead, read,
                    toRead == 0 ? 100 : Math.floor(1000.0 * read / toRead) / 10, progress.tables(), null);
        }
    }
}
