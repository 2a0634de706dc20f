package io.changeledger.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Ingestion as tools do it: deployments sent through the batch API and through the ingest topic, each path in two
 * parts. The throughput part sends a fixed number of events (after an uncounted warm-up) as fast as the ledger takes
 * them, or at a set rate, and measures how fast the command side records them and how fast the query side shows
 * them. The latency part sends at a fixed rate, open loop, and follows a sample of the events until the query side
 * shows each: the time from when an event was due to be sent until it could be queried.
 */
final class IngestScenario {

    /**
     * How long the scenario waits for what it cannot hurry.
     *
     * @param stallNanos          how long a count may stand still before a wait for it gives up: a stopped
     *                            pipeline, not a slow one
     * @param sampleGiveUpNanos   after this long from its due time a followed event counts as missing
     * @param countIntervalMillis how often a count is asked for while waiting; every "all visible" moment is up to
     *                            this much late
     */
    record Limits(long stallNanos, long sampleGiveUpNanos, long countIntervalMillis) {

        static final Limits DEFAULT = new Limits(TimeUnit.SECONDS.toNanos(60), TimeUnit.SECONDS.toNanos(30), 250);
    }

    private final BenchmarkOptions options;
    private final IngestOptions ingest;
    private final PrintStream out;
    private final Limits limits;

    IngestScenario(BenchmarkOptions options, PrintStream out) {
        this(options, out, Limits.DEFAULT);
    }

    IngestScenario(BenchmarkOptions options, PrintStream out, Limits limits) {
        this.options = options;
        this.ingest = options.ingest();
        this.out = out;
        this.limits = limits;
    }

    /** @return whether every event of every part was recorded and became visible */
    boolean run(String runId) throws InterruptedException {
        boolean clean = true;
        for (IngestOptions.Via via : ingest.via().paths()) {
            String key = via.name().toLowerCase(Locale.ROOT);
            IngestPath path;
            try {
                path = via == IngestOptions.Via.BATCH ? BatchIngestPath.open(options, runId)
                        : KafkaIngestPath.open(options, runId, limits.stallNanos());
            } catch (IOException | RuntimeException e) {
                out.printf("%nIngest via %s: cannot start (command API %s%s): %s%n", key, options.commandUrl(),
                        via == IngestOptions.Via.KAFKA ? ", Kafka " + ingest.kafkaBootstrap() : "", message(e));
                out.printf("RESULT ingest via=%s started=false%n", key);
                clean = false;
                continue;
            }
            try (path) {
                clean &= run(path, runId);
            } catch (KafkaIngest.KafkaUnavailableException e) {
                out.printf("  stopped: %s%n", e.getMessage());
                out.printf("RESULT ingest via=%s completed=false%n", key);
                clean = false;
            }
        }
        return clean;
    }

    private boolean run(IngestPath path, String runId) throws InterruptedException {
        out.printf("%nIngest via %s%n", path.describe());
        boolean clean = true;
        if (ingest.events() > 0) {
            if (ingest.warmupEvents() > 0) {
                clean &= warmUp(path, runId);
            }
            clean &= throughput(path, runId);
        }
        if (ingest.latencySeconds() > 0) {
            if (ingest.latencyWarmupSeconds() > 0) {
                clean &= latencyWarmUp(path, runId);
            }
            clean &= latency(path, runId);
        }
        return clean;
    }

    /** What one part sent and what the ledger made of it. */
    private record Part(long startNanos, long sendingEndedNanos, PhaseTally tally, IngestPath.Settlement settlement) {

        boolean allRecorded() {
            return settlement.complete() && tally.failed.sum() == 0 && settlement.rejected() == 0
                    && settlement.recorded() == tally.sent.sum();
        }
    }

    private Part send(IngestPath path, PartEvents events, Schedule schedule, VisibilityPoller poller)
            throws InterruptedException {
        PhaseTally tally = new PhaseTally(schedule.ticks());
        path.begin();
        long start = Pacer.run(schedule, path.senders(options.clients()), (tick, due) -> {
            List<IngestEvent> batch = events.tick(schedule, tick);
            try {
                path.send(batch, tick, due, tally);
            } catch (RuntimeException e) {
                tally.failed.add(batch.size());
                tally.error(e.toString());
                return;
            }
            if (poller != null) {
                long first = schedule.firstEvent(tick);
                for (int i = 0; i < batch.size(); i++) {
                    if (events.sampled(first + i)) {
                        poller.follow(batch.get(i), due);
                    }
                }
            }
        });
        long sendingEnded = System.nanoTime();
        return new Part(start, sendingEnded, tally, path.settle(tally, start));
    }

    /**
     * The same load, uncounted, so that the JIT has compiled the ingest path of both sides before the measured
     * part; then a wait until the query side shows it all, so that the measured part starts on an idle pipeline.
     */
    private boolean warmUp(IngestPath path, String runId) throws InterruptedException {
        PartEvents events = new PartEvents(runId, path.key(), "warmup", options.environment(), 0);
        out.printf("  warm-up: %d events, service %s (not counted)%n", ingest.warmupEvents(), events.service());
        try (CountWatch watch = new CountWatch(options, events.service(), limits.countIntervalMillis())) {
            Part part = send(path, events, ingest.warmupSchedule(), null);
            OptionalLong visible = watch.awaitAtLeast(part.settlement().recorded(), limits.stallNanos());
            problems(part);
            out.printf("  warm-up: %d of %d recorded, %s%n", part.settlement().recorded(), part.tally().sent.sum(),
                    visible.isPresent() ? String.format(Locale.ROOT, "all visible after %.1f s",
                            seconds(part.startNanos(), visible.getAsLong()))
                            : "query side shows only " + watch.latest().count());
            return part.allRecorded() && visible.isPresent();
        }
    }

    private boolean throughput(IngestPath path, String runId) throws InterruptedException {
        PartEvents events = new PartEvents(runId, path.key(), "throughput", options.environment(), 0);
        Schedule schedule = ingest.throughputSchedule();
        int senders = path.senders(options.clients());
        out.printf("%n  Throughput: %d events, %d per %s, %s, %d sender%s, service %s%n", schedule.events(),
                schedule.perTick(), path.key().equals("batch") ? "request" : "send tick",
                schedule.paced() ? schedule.rate() + " events/s paced" : "as fast as possible", senders,
                senders == 1 ? "" : "s", events.service());
        try (CountWatch watch = new CountWatch(options, events.service(), limits.countIntervalMillis())) {
            Part part = send(path, events, schedule, null);
            IngestPath.Settlement settlement = part.settlement();
            long recorded = settlement.recorded();
            OptionalLong allVisible = watch.awaitAtLeast(recorded, limits.stallNanos());
            PhaseTally tally = part.tally();
            long start = part.startNanos();

            problems(part);
            row("sent", tally.sent.sum(), "");
            row("recorded", recorded, path.key().equals("batch")
                    ? "RECORDED items, and DUPLICATE answers to requests sent again" : "ingest group committed, not parked");
            if (tally.duplicates.sum() > 0) {
                row("  of which duplicates", tally.duplicates.sum(), "");
            }
            row(path.key().equals("batch") ? "rejected" : "parked (dead-letter topic)", settlement.rejected(), "");
            row("never reached the ledger", tally.failed.sum(), "");
            if (tally.retries.sum() > 0) {
                row("requests sent again", tally.retries.sum(), "");
            }
            String recordedRate = "na";
            boolean confirmed = recorded > 0 && settlement.complete() && settlement.confirmedNanos() != Long.MIN_VALUE;
            if (confirmed) {
                double recordedSeconds = seconds(start, settlement.confirmedNanos());
                recordedRate = rate(recorded / recordedSeconds);
                out.printf("  %-34s %10.2f s%n", "all recorded after", recordedSeconds);
                out.printf("  %-34s %10s /s%n", "recorded rate", recordedRate);
                CountWatch.Seen then = watch.at(settlement.confirmedNanos());
                row("visible when all were recorded", then.count(), "query side behind by "
                        + Math.max(0, recorded - then.count()));
            }
            String visibleRate = "na";
            if (allVisible.isPresent() && recorded > 0) {
                double visibleSeconds = seconds(start, allVisible.getAsLong());
                visibleRate = rate(recorded / visibleSeconds);
                out.printf("  %-34s %10.2f s%n", "all visible after", visibleSeconds);
                out.printf("  %-34s %10s /s   (recorded events / time until the query side showed all)%n",
                        "query-side rate", visibleRate);
                if (confirmed) {
                    long behind = recorded - watch.at(settlement.confirmedNanos()).count();
                    double catchUp = seconds(settlement.confirmedNanos(), allVisible.getAsLong());
                    if (behind > 0 && catchUp > 0) {
                        out.printf("  %-34s %10.2f s   (%s/s once recording was done)%n", "query side caught up in",
                                catchUp, rate(behind / catchUp));
                    }
                }
            } else if (allVisible.isEmpty()) {
                out.printf("  NOT all visible: the query side shows %d of %d and stood still for %d s%n",
                        watch.latest().count(), recorded, TimeUnit.NANOSECONDS.toSeconds(limits.stallNanos()));
            }
            boolean clean = part.allRecorded() && allVisible.isPresent();
            out.printf("RESULT ingest-throughput via=%s events=%d per_tick=%d rate=%d senders=%d recorded=%d"
                            + " duplicates=%d rejected=%d failed=%d recorded_per_s=%s visible_per_s=%s"
                            + " all_recorded=%b all_visible=%b%n",
                    path.key(), schedule.events(), schedule.perTick(), schedule.rate(), senders, recorded,
                    tally.duplicates.sum(), settlement.rejected(), tally.failed.sum(), recordedRate, visibleRate,
                    part.allRecorded(), allVisible.isPresent());
            return clean;
        }
    }

    /**
     * The latency part's load, uncounted, with its events followed the same way: requests of a few events and the
     * query side's lookups of single events run other code than the throughput part's batches, and sent cold, the
     * JIT compiling them took a third of both apps' CPU in a 30 s part on two cores. Then a wait until the query
     * side shows it all, so that the measured part starts on an idle pipeline.
     */
    private boolean latencyWarmUp(IngestPath path, String runId) throws InterruptedException {
        PartEvents events = new PartEvents(runId, path.key(), "latency-warmup", options.environment(),
                ingest.sampleEvery());
        Schedule schedule = ingest.latencyWarmupSchedule();
        long sampled = events.sampledOf(schedule.events());
        out.printf("%n  latency warm-up: %d events/s for %d s, service %s (not counted)%n", schedule.rate(),
                ingest.latencyWarmupSeconds(), events.service());
        try (VisibilityPoller poller = poller(events);
             CountWatch watch = new CountWatch(options, events.service(), limits.countIntervalMillis())) {
            Part part = send(path, events, schedule, poller);
            poller.awaitSettled(limits.sampleGiveUpNanos() + TimeUnit.SECONDS.toNanos(10));
            long rest = Math.max(0, part.settlement().recorded() - sampled);
            OptionalLong visible = watch.awaitAtLeast(rest, limits.stallNanos());
            problems(part);
            boolean clean = part.allRecorded() && visible.isPresent() && poller.missingCount() == 0;
            out.printf("  latency warm-up: %d of %d recorded, %s%n", part.settlement().recorded(),
                    part.tally().sent.sum(), clean ? "all visible" : "NOT all visible");
            return clean;
        }
    }

    /** Follows sampled events of the latency part, or of its warm-up, until the query side shows them. */
    private VisibilityPoller poller(PartEvents events) {
        return new VisibilityPoller(options, events.sampledService(),
                TimeUnit.MILLISECONDS.toNanos(ingest.pollIntervalMillis()), limits.sampleGiveUpNanos());
    }

    private boolean latency(IngestPath path, String runId) throws InterruptedException {
        PartEvents events = new PartEvents(runId, path.key(), "latency", options.environment(),
                ingest.sampleEvery());
        Schedule schedule = ingest.latencySchedule();
        long sampled = events.sampledOf(schedule.events());
        out.printf("%n  Latency at a fixed rate: %d events/s for %d s, %d per %s every %.1f ms, open loop;"
                        + " 1 in %d events (%d) followed on the query side every %d ms%n",
                schedule.rate(), ingest.latencySeconds(), schedule.perTick(),
                path.key().equals("batch") ? "request" : "send tick", schedule.dueNanos(1) / 1e6,
                ingest.sampleEvery(), sampled, ingest.pollIntervalMillis());
        try (VisibilityPoller poller = poller(events)) {
            Part part = send(path, events, schedule, poller);
            poller.awaitSettled(limits.sampleGiveUpNanos() + TimeUnit.SECONDS.toNanos(10));
            long polledFor = System.nanoTime() - part.startNanos();
            PhaseTally tally = part.tally();
            IngestPath.Settlement settlement = part.settlement();

            // the events that were not sampled share one service: one count says whether all of them arrived
            long restExpected = part.allRecorded() ? schedule.events() - sampled
                    : Math.max(0, settlement.recorded() - sampled);
            OptionalLong restVisible;
            long restSeen;
            try (CountWatch watch = new CountWatch(options, events.service(), limits.countIntervalMillis())) {
                restVisible = watch.awaitAtLeast(restExpected, limits.stallNanos());
                restSeen = watch.latest().count();
            }

            problems(part);
            out.printf("  sent %d events in %.2f s (the schedule spans %.2f s), %d recorded; the query side was"
                            + " asked %.0f times a second while following%n", tally.sent.sum(),
                    seconds(part.startNanos(), part.sendingEndedNanos()), schedule.seconds(), settlement.recorded(),
                    poller.queries() / (polledFor / 1e9));
            long[] latencies = poller.latencies();
            out.printf("  %-34s %10s %10s %10s %10s %8s%n", "(ms, from when the event was due)", "p50", "p95", "p99",
                    "max", "n");
            stats("sent (sender lag)", tally.sendLags());
            stats(path.key().equals("batch") ? "batch answered" : "acknowledged by Kafka", tally.settleTimes());
            stats("visible on the query side", latencies);
            int missing = poller.missingCount();
            boolean allVisible = missing == 0 && latencies.length == poller.followed() && poller.followed() == sampled
                    && restVisible.isPresent();
            if (missing > 0) {
                out.printf("  MISSING: %d of %d followed events not visible within %d s, such as version %s%n",
                        missing, poller.followed(), TimeUnit.NANOSECONDS.toSeconds(limits.sampleGiveUpNanos()),
                        String.join(", ", poller.missingShown()));
            }
            int unsettled = poller.followed() - latencies.length - missing;
            if (unsettled > 0) {
                out.printf("  MISSING: %d followed events were still being looked for when the wait ended%n",
                        unsettled);
            }
            if (poller.followed() != sampled) {
                out.printf("  MISSING: %d sampled events were never sent%n", sampled - poller.followed());
            }
            if (restVisible.isEmpty()) {
                out.printf("  MISSING: service %s shows %d of %d events%n", events.service(), restSeen,
                        restExpected);
            }
            String p50 = "na";
            String p95 = "na";
            String p99 = "na";
            String max = "na";
            if (latencies.length > 0) {
                LatencyStats visible = LatencyStats.of(latencies);
                p50 = LatencyStats.millis(visible.percentile(50));
                p95 = LatencyStats.millis(visible.percentile(95));
                p99 = LatencyStats.millis(visible.percentile(99));
                max = LatencyStats.millis(visible.max());
            }
            out.printf("RESULT ingest-latency via=%s rate=%d per_tick=%d events=%d sampled=%d visible=%d missing=%d"
                            + " p50_ms=%s p95_ms=%s p99_ms=%s max_ms=%s all_recorded=%b all_visible=%b%n",
                    path.key(), schedule.rate(), schedule.perTick(), schedule.events(), sampled, latencies.length,
                    sampled - latencies.length, p50, p95, p99, max, part.allRecorded(), allVisible);
            return part.allRecorded() && allVisible;
        }
    }

    private void problems(Part part) {
        part.tally().errors().forEach(error -> out.println("  error: " + error));
        int more = part.tally().errorCount() - part.tally().errors().size();
        if (more > 0) {
            out.printf("  (%d more errors counted, not shown)%n", more);
        }
        part.settlement().notes().forEach(note -> out.println("  " + note));
    }

    private void row(String label, long value, String note) {
        out.printf("  %-34s %10d%s%n", label, value, note.isEmpty() ? "" : "   (" + note + ")");
    }

    private void stats(String label, long[] nanos) {
        if (nanos.length == 0) {
            out.printf("  %-34s %10s%n", label, "none");
            return;
        }
        LatencyStats stats = LatencyStats.of(nanos);
        out.printf("  %-34s %10s %10s %10s %10s %8d%n", label, LatencyStats.millis(stats.percentile(50)),
                LatencyStats.millis(stats.percentile(95)), LatencyStats.millis(stats.percentile(99)),
                LatencyStats.millis(stats.max()), stats.count());
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String message(Exception e) {
        return e instanceof IOException io ? LedgerClient.describe(io) : e.getMessage() == null ? e.toString()
                : e.getMessage();
    }
}
