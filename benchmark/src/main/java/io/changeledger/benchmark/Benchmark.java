package io.changeledger.benchmark;

import java.util.UUID;

/**
 * Entry point: runs the chosen scenarios against a running ChangeLedger and prints a table plus one
 * {@code RESULT ...} line per scenario for scripts. Exits non-zero when any request failed or never became visible,
 * so a CI job can tell a fast run from a broken one.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (BenchmarkOptions.wantsHelp(args)) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }

        // unique per run, so that counts by service only see this run's deployments
        String runId = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("ChangeLedger benchmark, run %s%n  command API %s%n  query API   %s%n",
                runId, options.commandUrl(), options.queryUrl());
        if (options.runs(BenchmarkOptions.Scenario.INGEST)) {
            System.out.printf("  Kafka       %s%n", options.ingest().kafkaBootstrap());
        }

        boolean clean = true;
        if (options.runs(BenchmarkOptions.Scenario.LATENCY)) {
            clean &= new LatencyScenario(options, System.out, System.err).run(runId);
        }
        if (options.runs(BenchmarkOptions.Scenario.THROUGHPUT)) {
            clean &= new ThroughputScenario(options, System.out).run(runId);
        }
        if (options.runs(BenchmarkOptions.Scenario.ACCESS)) {
            clean &= new AccessScenario(options, System.out).run(runId);
        }
        if (options.runs(BenchmarkOptions.Scenario.INGEST)) {
            clean &= new IngestScenario(options, System.out).run(runId);
        }
        if (options.runs(BenchmarkOptions.Scenario.PROOF)) {
            clean &= new ProofScenario(options.proofEvents(), System.out).run();
        }
        if (options.runs(BenchmarkOptions.Scenario.REPORT)) {
            clean &= new ReportScenario(options, System.out).run(runId);
        }
        System.exit(clean ? 0 : 1);
    }
}
