package io.changeledger.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The as-of access matrix at scale. Clients record a year of access history through the command API (requested
 * grants with approvals, sessions, revocations and expiries, break-glass access with its review, standing access
 * imported and removed) until the ledger holds the asked number of access events; the scenario waits until the query
 * side has every grant in its final state, then measures {@code GET /api/v1/access/matrix?system=S&at=T} for random
 * systems and moments of that year, one request at a time.
 * <p>
 * The events a story makes are counted as the ledger records them: the scheduler's expiries, overdue reviews and
 * missed certifications count too, and are estimated from what the story leaves to the scheduler.
 */
final class AccessScenario {

    private static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");
    private static final long CATCH_UP_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(30);
    private static final int ERRORS_SHOWN = 5;
    private static final Duration HISTORY = Duration.ofDays(365);

    private final BenchmarkOptions options;
    private final PrintStream out;

    private final AtomicLong eventsRecorded = new AtomicLong();
    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder racedWithExpiry = new LongAdder();
    private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    private final long[] grantsPerSystem;

    AccessScenario(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        grantsPerSystem = new long[options.accessSystems()];
    }

    boolean run(String runId) throws InterruptedException {
        Instant end = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minus(HISTORY);
        out.printf("%nAccess matrix as of T: %d access events over %d systems, %d clients, history %s .. %s%n",
                options.accessEvents(), options.accessSystems(), options.clients(), start, end);

        long loadStart = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            long seed = 42L * 1_000 + i;
            Thread thread = new Thread(() -> record(runId, new Random(seed), start, end), "bench-access-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        out.printf("  recorded ~%d access events in %d calls in %.1f s (%.0f calls/s), %d errors,"
                        + " %d revocations raced with the expiry scheduler%n", eventsRecorded.get(), calls.sum(),
                loadSeconds, calls.sum() / loadSeconds, errors.sum(), racedWithExpiry.sum());
        firstErrors.forEach(error -> out.println("  error: " + error));

        LedgerClient client = new LedgerClient(options);
        boolean caughtUp = awaitQuerySide(client, runId);
        double caughtUpSeconds = (System.nanoTime() - loadStart) / 1e9;
        out.printf("  query side %s after %.1f s%n", caughtUp ? "caught up" : "did NOT catch up", caughtUpSeconds);

        Random random = new Random(7);
        int warmup = Math.min(200, options.accessQueries());
        long[] nanos = new long[options.accessQueries()];
        long entries = 0;
        int failures = 0;
        for (int i = -warmup; i < options.accessQueries(); i++) {
            String system = system(runId, random.nextInt(options.accessSystems()));
            Instant at = start.plusSeconds((long) (random.nextDouble() * HISTORY.getSeconds()));
            long before = System.nanoTime();
            LedgerClient.Answer answer;
            try {
                answer = client.query("/api/v1/access/matrix?system=" + system + "&at=" + at + "&size=500");
            } catch (IOException e) {
                failures++;
                continue;
            }
            long took = System.nanoTime() - before;
            if (answer.statusCode() != 200) {
                failures++;
                if (failures <= ERRORS_SHOWN) {
                    out.println("  error: " + answer.statusCode() + " " + LedgerClient.brief(answer.body()));
                }
                continue;
            }
            if (i >= 0) {
                nanos[i] = took;
                entries += count(answer.body());
            }
        }
        if (failures > 0) {
            out.printf("  %d matrix queries failed%n", failures);
            return false;
        }
        LatencyStats stats = LatencyStats.of(nanos);
        out.printf("  %-28s %10d (average %.1f entries per answer)%n", "matrix queries", stats.count(),
                (double) entries / stats.count());
        out.printf("  %-28s %10s ms%n", "p50", LatencyStats.millis(stats.percentile(50)));
        out.printf("  %-28s %10s ms%n", "p95", LatencyStats.millis(stats.percentile(95)));
        out.printf("  %-28s %10s ms%n", "p99", LatencyStats.millis(stats.percentile(99)));
        out.printf("  %-28s %10s ms%n", "max", LatencyStats.millis(stats.max()));
        out.printf("RESULT access events=%d systems=%d errors=%d caught_up=%b queries=%d p50_ms=%s p99_ms=%s"
                        + " max_ms=%s%n", eventsRecorded.get(), options.accessSystems(), errors.sum(), caughtUp,
                stats.count(), LatencyStats.millis(stats.percentile(50)), LatencyStats.millis(stats.percentile(99)),
                LatencyStats.millis(stats.max()));
        return errors.sum() == 0 && caughtUp;
    }

    private void record(String runId, Random random, Instant start, Instant end) {
        LedgerClient client = new LedgerClient(options);
        long span = Duration.between(start, end).minus(Duration.ofDays(10)).getSeconds();
        while (eventsRecorded.get() < options.accessEvents()) {
            int systemIndex = random.nextInt(options.accessSystems());
            String system = system(runId, systemIndex);
            String principal = "user-" + random.nextInt(2_000);
            Instant t = start.plusSeconds((long) (random.nextDouble() * span));
            int kind = random.nextInt(10);
            try {
                if (kind < 5) {
                    requested(client, random, system, principal, t, end);
                } else if (kind < 7) {
                    breakGlass(client, random, system, principal, t);
                } else {
                    standing(client, random, system, principal, t, end);
                }
                synchronized (grantsPerSystem) {
                    grantsPerSystem[systemIndex]++;
                }
            } catch (IOException | RuntimeException e) {
                error(e.toString());
            }
        }
    }

    /** Request, approval, grant, a session, then a revocation or the scheduler's expiry: five events. */
    private void requested(LedgerClient client, Random random, String system, String principal, Instant t,
                           Instant end) throws IOException {
        Duration window = Duration.ofMinutes(60 + random.nextInt(7 * 60));
        String grant = created(client.command("/api/v1/access/requests", """
                {"principal":"%s","system":"%s","role":"%s","justification":"benchmark","duration":"%s",\
                "sourceSystem":"benchmark","occurredAt":"%s"}""".formatted(principal, system,
                random.nextBoolean() ? "viewer" : "operator", window, t)));
        if (grant == null) {
            return;
        }
        Instant from = t.plus(Duration.ofMinutes(10));
        step(client.command("/api/v1/access/grants/" + grant + "/approvals", """
                {"approver":"approver-%d","occurredAt":"%s"}""".formatted(random.nextInt(20),
                t.plus(Duration.ofMinutes(5)))), 1);
        step(client.command("/api/v1/access/grants/" + grant + "/grant", """
                {"grantedBy":"iam","validFrom":"%s","occurredAt":"%s"}""".formatted(from, from)), 1);
        Instant sessionStart = from.plus(Duration.ofMinutes(random.nextInt(50)));
        step(client.command("/api/v1/access/grants/" + grant + "/sessions", """
                {"sessionId":"s-%s","startedAt":"%s","endedAt":"%s","sourceSystem":"teleport"}""".formatted(grant,
                sessionStart, sessionStart.plus(Duration.ofMinutes(5)))), 1);
        if (random.nextInt(10) < 6) {
            Instant revokedAt = sessionStart.plus(Duration.ofMinutes(6));
            LedgerClient.Answer answer = client.command("/api/v1/access/grants/" + grant + "/revocation", """
                    {"revokedBy":"admin-%d","reason":"done","occurredAt":"%s"}""".formatted(random.nextInt(5),
                    revokedAt));
            calls.increment();
            if (answer.statusCode() == 409 && answer.body().contains("expired")) {
                // the expiry scheduler was quicker: the grant ended by an AccessExpired instead
                racedWithExpiry.increment();
            } else if (answer.statusCode() != 200) {
                error(answer.statusCode() + " " + LedgerClient.brief(answer.body()));
            }
        }
        eventsRecorded.addAndGet(1);
    }

    /** Break-glass access (request, grant, review opened), a session, the review: five events, six when late. */
    private void breakGlass(LedgerClient client, Random random, String system, String principal, Instant t)
            throws IOException {
        Duration duration = Duration.ofMinutes(30 + random.nextInt(90));
        String grant = created(client.command("/api/v1/access/break-glass", """
                {"principal":"%s","system":"%s","role":"admin","justification":"incident","duration":"%s",\
                "incidentId":"INC-%d","sourceSystem":"benchmark","occurredAt":"%s"}""".formatted(principal, system,
                duration, random.nextInt(10_000), t)), 3);
        if (grant == null) {
            return;
        }
        Instant sessionStart = t.plus(Duration.ofMinutes(1));
        step(client.command("/api/v1/access/grants/" + grant + "/sessions", """
                {"sessionId":"s-%s","startedAt":"%s","endedAt":"%s","sourceSystem":"teleport"}""".formatted(grant,
                sessionStart, sessionStart.plus(Duration.ofMinutes(20)))), 1);
        step(client.command("/api/v1/access/grants/" + grant + "/break-glass-review", """
                {"reviewer":"reviewer-%d","outcome":"ACCEPTED","occurredAt":"%s"}""".formatted(random.nextInt(10),
                t.plus(Duration.ofDays(1)))), 1);
        // the grant expires by the scheduler
        eventsRecorded.addAndGet(1);
    }

    /**
     * Standing access from an IAM system, removed later for most: one or two events, one more for privileged access
     * still held and uncertified after the policy's 90 days. Each assignment comes from a source of its own, so that no two
     * are the same assignment.
     */
    private void standing(LedgerClient client, Random random, String system, String principal, Instant t,
                          Instant end) throws IOException {
        boolean privileged = random.nextInt(4) == 0;
        String role = privileged ? "admin" : "deployer";
        String source = "iam-" + Long.toHexString(random.nextLong());
        if (created(client.command("/api/v1/access/standing", """
                {"principal":"%s","system":"%s","role":"%s","sourceSystem":"%s","approvedBy":"manager",\
                "occurredAt":"%s"}""".formatted(principal, system, role, source, t))) == null) {
            return;
        }
        Instant removedAt = t.plus(Duration.ofDays(1 + random.nextInt(200)));
        boolean removed = random.nextInt(10) < 7 && removedAt.isBefore(end);
        if (removed) {
            step(client.command("/api/v1/access/standing/removals", """
                    {"principal":"%s","system":"%s","role":"%s","sourceSystem":"%s","removedBy":"iam",\
                    "occurredAt":"%s"}""".formatted(principal, system, role, source, removedAt)), 1);
        }
        // the scheduler flags the missed certification only of access still held when it looks, which is now
        if (privileged && !removed && Duration.between(t, end).compareTo(Duration.ofDays(90)) >= 0) {
            eventsRecorded.incrementAndGet();
        }
    }

    private String created(LedgerClient.Answer answer) {
        return created(answer, 1);
    }

    private String created(LedgerClient.Answer answer, int events) {
        calls.increment();
        if (answer.statusCode() != 201) {
            error(answer.statusCode() + " " + LedgerClient.brief(answer.body()));
            return null;
        }
        eventsRecorded.addAndGet(events);
        return LedgerClient.idOf(answer.body()).orElseThrow();
    }

    private void step(LedgerClient.Answer answer, int events) {
        calls.increment();
        if (answer.statusCode() != 200) {
            error(answer.statusCode() + " " + LedgerClient.brief(answer.body()));
            return;
        }
        eventsRecorded.addAndGet(events);
    }

    private void error(String message) {
        errors.increment();
        if (firstErrors.size() < ERRORS_SHOWN) {
            firstErrors.add(message);
        }
    }

    /** Every grant listed for its system, and no requested or break-glass grant still active: all expired. */
    private boolean awaitQuerySide(LedgerClient client, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT_NANOS;
        for (int s = 0; s < options.accessSystems(); s++) {
            String system = system(runId, s);
            while (true) {
                long total = total(client, "/api/v1/access/grants?system=" + system + "&size=1");
                long active = total(client, "/api/v1/access/grants?system=" + system + "&status=ACTIVE&standing=false"
                        + "&size=1");
                if (total == grantsPerSystem[s] && active == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    out.printf("  %s: query side shows %d of %d grants, %d not yet expired%n", system, total,
                            grantsPerSystem[s], active);
                    return false;
                }
                Thread.sleep(1_000);
            }
        }
        return true;
    }

    private static long total(LedgerClient client, String pathAndQuery) {
        try {
            LedgerClient.Answer answer = client.query(pathAndQuery);
            Matcher matcher = TOTAL_ITEMS.matcher(answer.body());
            return answer.statusCode() == 200 && matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long count(String body) {
        int count = 0;
        int index = 0;
        while ((index = body.indexOf("\"principal\"", index)) >= 0) {
            count++;
            index++;
        }
        return count;
    }

    private static String system(String runId, int index) {
        return String.format(Locale.ROOT, "bench-%s-system-%02d", runId, index);
    }
}
