package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole scenario over the batch path, against a fake ledger whose query side shows what its batch API took. */
class IngestScenarioTest {

    private static final Pattern ITEM = Pattern.compile(
            "\"service\":\"([^\"]+)\",\"environment\":\"[^\"]*\",\"version\":\"([^\"]+)\"");
    private static final IngestScenario.Limits SHORT = new IngestScenario.Limits(TimeUnit.SECONDS.toNanos(2),
            TimeUnit.SECONDS.toNanos(1), 20);

    private final Map<String, AtomicLong> changesByService = new ConcurrentHashMap<>();
    private final Map<String, Queue<String>> versionsByService = new ConcurrentHashMap<>();
    private final Set<String> neverShown = ConcurrentHashMap.newKeySet();
    private final ByteArrayOutputStream report = new ByteArrayOutputStream();

    private FakeLedger ledger() throws Exception {
        return new FakeLedger()
                .on("POST /api/v1/admin/sources", request -> FakeLedger.Reply.json(201,
                        "{\"name\":\"s\",\"kind\":\"API\",\"credential\":\"clt_t\"}"))
                .on("POST /api/v1/events", request -> {
                    Matcher item = ITEM.matcher(request.body());
                    int items = 0;
                    while (item.find()) {
                        items++;
                        changesByService.computeIfAbsent(item.group(1), name -> new AtomicLong()).incrementAndGet();
                        if (!neverShown.contains(item.group(2))) {
                            versionsByService.computeIfAbsent(item.group(1), name -> new ConcurrentLinkedQueue<>())
                                    .add(item.group(2));
                        }
                    }
                    return FakeLedger.Reply.json(200, "{\"recorded\":" + items
                            + ",\"duplicates\":0,\"rejected\":0,\"results\":[]}");
                })
                .on("GET /api/v1/changes", request -> {
                    String service = FakeLedger.parameter(request, "service");
                    AtomicLong count = changesByService.get(service);
                    long total = count == null ? 0 : count.get();
                    String items = FakeLedger.parameter(request, "from") == null ? ""
                            : versionsByService.getOrDefault(service, new ConcurrentLinkedQueue<>()).stream()
                                    .map(version -> "{\"version\":\"" + version + "\"}")
                                    .collect(Collectors.joining(","));
                    return FakeLedger.Reply.json(200, "{\"items\":[" + items + "],\"page\":0,\"size\":500,"
                            + "\"totalItems\":" + total + "}");
                });
    }

    private boolean run(FakeLedger ledger) throws InterruptedException {
        BenchmarkOptions options = ledger.options("--scenario", "ingest", "--ingest-via", "batch",
                "--ingest-events", "300", "--ingest-warmup-events", "50", "--batch-size", "100", "--clients", "2",
                "--ingest-latency-rate", "200", "--ingest-latency-seconds", "1", "--ingest-latency-warmup-seconds", "1",
                "--ingest-latency-batch-size", "5", "--ingest-sample-every", "10", "--ingest-poll-ms", "5");
        return new IngestScenario(options, new PrintStream(report, true, StandardCharsets.UTF_8), SHORT).run("run");
    }

    private String report() {
        return report.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reportsThroughputAndLatencyAndPassesWhenEveryEventWasRecordedAndShown() throws Exception {
        try (FakeLedger ledger = ledger()) {
            assertThat(run(ledger)).as(report()).isTrue();
        }

        assertThat(changesByService.get("bench-run-batch-warmup")).hasValue(50);
        assertThat(changesByService.get("bench-run-batch-throughput")).hasValue(300);
        // 200 events, every 10th under the service of the sampled ones
        assertThat(changesByService.get("bench-run-batch-latency")).hasValue(180);
        assertThat(changesByService.get("bench-run-batch-latency-sampled")).hasValue(20);
        // the latency part's load once before it, uncounted and followed the same way
        assertThat(changesByService.get("bench-run-batch-latency-warmup")).hasValue(180);
        assertThat(changesByService.get("bench-run-batch-latency-warmup-sampled")).hasValue(20);
        assertThat(report())
                .contains("latency warm-up: 200 of 200 recorded, all visible")
                .contains("RESULT ingest-throughput via=batch events=300 per_tick=100 rate=0 senders=2 recorded=300")
                .contains("all_recorded=true all_visible=true")
                .containsPattern("RESULT ingest-latency via=batch rate=200 per_tick=5 events=200 sampled=20"
                        + " visible=20 missing=0 p50_ms=[0-9.]+ p95_ms=[0-9.]+ p99_ms=[0-9.]+ max_ms=[0-9.]+"
                        + " all_recorded=true all_visible=true")
                .doesNotContain("MISSING");
    }

    @Test
    void failsAndSaysWhichEventNeverBecameVisible() throws Exception {
        neverShown.add("latency.50");
        try (FakeLedger ledger = ledger()) {
            assertThat(run(ledger)).as(report()).isFalse();
        }

        assertThat(report())
                .contains("MISSING: 1 of 20 followed events not visible within 1 s, such as version latency.50")
                .contains("visible=19 missing=1")
                .contains("all_recorded=true all_visible=false");
    }
}
