package io.changeledger.benchmark;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The batch API, {@code POST /api/v1/events}, as a source registered for this run. A request that fails on the way
 * (connection, timeout, 5xx) or is answered 429 is sent again as it was: its idempotency keys make the ledger answer
 * what an earlier attempt recorded as duplicates, so nothing is recorded twice and such duplicates count as recorded.
 */
final class BatchIngestPath implements IngestPath {

    private static final int MOST_ATTEMPTS = 5;
    private static final int MOST_RATE_LIMITED = 60;
    private static final long RETRY_PAUSE_MILLIS = 1_000;

    private final IngestClient client;
    private final String source;
    private final String token;

    private BatchIngestPath(IngestClient client, String source, String token) {
        this.client = client;
        this.source = source;
        this.token = token;
    }

    /** Registers an API source for the run. */
    static BatchIngestPath open(BenchmarkOptions options, String runId) throws IOException {
        IngestClient client = new IngestClient(options);
        String source = "bench-batch-" + runId;
        String token = client.register(source, "API");
        if (token == null) {
            throw new IOException("registering source " + source + " answered no credential");
        }
        return new BatchIngestPath(client, source, token);
    }

    @Override
    public String key() {
        return "batch";
    }

    @Override
    public String describe() {
        return "batch API, source " + source;
    }

    @Override
    public int senders(int clients) {
        return clients;
    }

    @Override
    public void begin() {
        // every answer says what became of each item: nothing to compare with
    }

    @Override
    public void send(List<IngestEvent> events, long tick, long dueNanos, PhaseTally tally) {
        String body = IngestEvent.batch(events);
        tally.sending(tick, dueNanos, System.nanoTime(), events.size());
        int failures = 0;
        int rateLimited = 0;
        while (true) {
            IngestClient.Answer answer;
            try {
                answer = client.postBatch(token, body);
            } catch (IOException e) {
                if (++failures < MOST_ATTEMPTS && pause(RETRY_PAUSE_MILLIS, tally)) {
                    continue;
                }
                failed(events, tally, LedgerClient.describe(e));
                return;
            }
            if (answer.statusCode() == 200) {
                answered(events, tick, answer, tally);
                return;
            }
            if (answer.statusCode() == 429 && ++rateLimited < MOST_RATE_LIMITED) {
                OptionalInt seconds = BatchAnswer.retryAfterSeconds(answer.retryAfter());
                if (pause(TimeUnit.SECONDS.toMillis(seconds.orElse(1)), tally)) {
                    continue;
                }
            }
            if (answer.statusCode() >= 500 && ++failures < MOST_ATTEMPTS && pause(RETRY_PAUSE_MILLIS, tally)) {
                continue;
            }
            failed(events, tally, answer.statusCode() + " " + LedgerClient.brief(answer.body()));
            return;
        }
    }

    private static void answered(List<IngestEvent> events, long tick, IngestClient.Answer answer, PhaseTally tally) {
        BatchAnswer parsed;
        try {
            parsed = BatchAnswer.parse(answer.body());
        } catch (IllegalArgumentException e) {
            failed(events, tally, e.getMessage());
            return;
        }
        tally.settled(tick, System.nanoTime());
        tally.recorded.add(parsed.recorded());
        tally.duplicates.add(parsed.duplicates());
        tally.rejected.add(parsed.rejected());
        parsed.reasons().forEach(reason -> tally.error("rejected: " + reason));
        if (parsed.answered() != events.size()) {
            // the items the answer leaves out were neither recorded nor rejected as far as anyone can tell
            tally.failed.add(Math.max(0, events.size() - parsed.answered()));
            tally.error("a batch of " + events.size() + " answered for " + parsed.answered() + " items");
        }
    }

    private static void failed(List<IngestEvent> events, PhaseTally tally, String why) {
        tally.failed.add(events.size());
        tally.error("a batch of " + events.size() + " failed: " + why);
    }

    /** @return false when interrupted: the run is being stopped */
    private static boolean pause(long millis, PhaseTally tally) {
        tally.retries.increment();
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Settlement settle(PhaseTally tally, long startNanos) {
        return new Settlement(true, tally.lastSettledNanos(), tally.recorded.sum() + tally.duplicates.sum(),
                tally.rejected.sum(), List.of());
    }

    @Override
    public void close() {
        // the source stays registered: its events are on the ledger, and a source is never deleted
    }
}
