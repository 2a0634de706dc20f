package io.changeledger.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the events of one part of the ingest scenario, counted by the senders as answers come in, and
 * the times of each tick: when it was due, when it went out, and when the ledger had taken all of it (the batch
 * answer, or the broker's acknowledgement of its last record).
 */
final class PhaseTally {

    private static final int ERRORS_KEPT = 5;
    private static final long NOT_YET = Long.MIN_VALUE;

    final LongAdder sent = new LongAdder();
    final LongAdder recorded = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder rejected = new LongAdder();
    /** Events that never reached the ledger: a request that failed for good, a record the producer could not send. */
    final LongAdder failed = new LongAdder();
    /** Requests sent again, after a connection failure, a 5xx or a 429; their idempotency keys make that safe. */
    final LongAdder retries = new LongAdder();
    /** Events the broker acknowledged; they are recorded or parked only once the ingest consumer has them. */
    final LongAdder acked = new LongAdder();

    private final AtomicLong lastSettledNanos = new AtomicLong(NOT_YET);
    private final AtomicLongArray dueNanos;
    private final AtomicLongArray sentNanos;
    private final AtomicLongArray settledNanos;
    private final AtomicInteger errorCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    PhaseTally(long ticks) {
        int size = Math.toIntExact(ticks);
        dueNanos = new AtomicLongArray(size);
        sentNanos = new AtomicLongArray(size);
        settledNanos = new AtomicLongArray(size);
        // System.nanoTime() may be any long, 0 included; only this one stands for "not yet"
        for (int i = 0; i < size; i++) {
            sentNanos.set(i, NOT_YET);
            settledNanos.set(i, NOT_YET);
        }
    }

    void sending(long tick, long due, long now, int events) {
        dueNanos.set((int) tick, due);
        sentNanos.set((int) tick, now);
        sent.add(events);
    }

    /** A tick counts as settled when the last of its parts is; called once per batch, or once per Kafka record. */
    void settled(long tick, long now) {
        settledNanos.accumulateAndGet((int) tick, now, Math::max);
        lastSettledNanos.accumulateAndGet(now, Math::max);
    }

    void error(String description) {
        if (errorCount.incrementAndGet() <= ERRORS_KEPT) {
            errors.add(description);
        }
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    int errorCount() {
        return errorCount.get();
    }

    /** @return the latest answer or acknowledgement, or {@link Long#MIN_VALUE} when there was none */
    long lastSettledNanos() {
        return lastSettledNanos.get();
    }

    /** Nanoseconds each sent tick went out after it was due: the sender's own lag. */
    long[] sendLags() {
        return since(sentNanos);
    }

    /** Nanoseconds from when each tick was due until the ledger had taken all of it, for the ticks it took. */
    long[] settleTimes() {
        return since(settledNanos);
    }

    private long[] since(AtomicLongArray at) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < at.length(); i++) {
            if (sentNanos.get(i) != NOT_YET && at.get(i) != NOT_YET) {
                values.add(at.get(i) - dueNanos.get(i));
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
