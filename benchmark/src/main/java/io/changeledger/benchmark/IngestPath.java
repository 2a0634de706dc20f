package io.changeledger.benchmark;

import java.util.List;

/** One way into the ledger: the batch API or the ingest topic. */
interface IngestPath extends AutoCloseable {

    /** How the ledger finally dealt with the events of a part. */
    record Settlement(boolean complete, long confirmedNanos, long recorded, long rejected, List<String> notes) {
    }

    /** {@code batch} or {@code kafka}: in names and RESULT lines. */
    String key();

    /** For the report: what is sent where, and how. */
    String describe();

    /** Concurrent senders for the given number of clients. */
    int senders(int clients);

    /** Before each part: whatever the path compares its end with. */
    void begin();

    /**
     * Sends one tick's events and notes in the tally what became of them; never throws for what the ledger
     * answers. The batch path returns with the answer, the Kafka path once the producer has the records.
     */
    void send(List<IngestEvent> events, long tick, long dueNanos, PhaseTally tally);

    /**
     * Waits until the command side has dealt with everything sent in this part.
     *
     * @param startNanos when the part started sending
     */
    Settlement settle(PhaseTally tally, long startNanos) throws InterruptedException;

    @Override
    void close();
}
