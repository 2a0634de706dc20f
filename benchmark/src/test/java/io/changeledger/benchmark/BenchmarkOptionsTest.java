package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    @Test
    void readsEveryOption() {
        assertThat(BenchmarkOptions.parse("--command-url", "http://a:1", "--query-url", "http://b:2",
                "--latency-count", "10", "--warmup", "0", "--clients", "4", "--duration-seconds", "5",
                "--warmup-seconds", "0", "--scenario", "throughput", "--environment", "production",
                "--access-events", "5000", "--access-systems", "3", "--access-queries", "20"))
                .isEqualTo(new BenchmarkOptions(URI.create("http://a:1"), URI.create("http://b:2"), 10, 0, 4, 5, 0,
                        BenchmarkOptions.Scenario.THROUGHPUT, "production", 5000, 3, 20, IngestOptions.defaults(),
                        1_000_000, ReportOptions.defaults(), System.getenv("CHANGELEDGER_ADMIN_TOKEN")));
    }

    @Test
    void warmsTheLatencyPartForAMinuteUnlessToldOtherwise() {
        assertThat(BenchmarkOptions.parse("--scenario", "ingest").ingest().latencyWarmupSeconds()).isEqualTo(60);
        assertThat(BenchmarkOptions.parse("--scenario", "ingest", "--ingest-latency-warmup-seconds", "10").ingest()
                .latencyWarmupSeconds()).isEqualTo(10);
    }

    @Test
    void readsEveryIngestOption() {
        BenchmarkOptions options = BenchmarkOptions.parse("--scenario", "ingest", "--ingest-via", "Kafka",
                "--kafka-bootstrap", "broker-1:9092,broker-2:9092", "--ingest-events", "5000",
                "--ingest-warmup-events", "0", "--batch-size", "500", "--ingest-rate", "2000",
                "--ingest-latency-rate", "200", "--ingest-latency-seconds", "5", "--ingest-latency-warmup-seconds", "3",
                "--ingest-latency-batch-size", "2", "--ingest-sample-every", "1", "--ingest-poll-ms", "5");

        assertThat(options.ingest()).isEqualTo(new IngestOptions(IngestOptions.Via.KAFKA,
                "broker-1:9092,broker-2:9092", 5000, 0, 500, 2000, 200, 5, 3, 2, 1, 5));
        assertThat(options.ingest().latencyWarmupSchedule().events()).isEqualTo(600);
    }

    @Test
    void readsEveryReportOptionAndRunsTheScenarioOnlyWhenNamed() {
        BenchmarkOptions options = BenchmarkOptions.parse("--scenario", "report", "--report-changes", "2000",
                "--report-jdbc-url", "jdbc:postgresql://db:5432/ledger", "--report-db-user", "u",
                "--report-db-password", "p", "--report-db-schema", "reads", "--report-runs", "3",
                "--report-clean-up", "false");

        assertThat(options.report()).isEqualTo(new ReportOptions(2000, "jdbc:postgresql://db:5432/ledger", "u", "p",
                "reads", 3, false));
        assertThat(options.runs(BenchmarkOptions.Scenario.REPORT)).isTrue();
        assertThat(BenchmarkOptions.parse().runs(BenchmarkOptions.Scenario.REPORT)).isFalse();
        assertThatThrownBy(() -> BenchmarkOptions.parse("--report-db-schema", "query; drop table x"))
                .hasMessageContaining("identifier");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--report-clean-up", "maybe"))
                .hasMessageContaining("true or false");
    }

    @Test
    void runsTheProofScenarioOnlyWhenNamedWithItsEventCount() {
        assertThat(BenchmarkOptions.parse().runs(BenchmarkOptions.Scenario.PROOF)).isFalse();
        BenchmarkOptions proof = BenchmarkOptions.parse("--scenario", "proof", "--proof-events", "5000");
        assertThat(proof.runs(BenchmarkOptions.Scenario.PROOF)).isTrue();
        assertThat(proof.runs(BenchmarkOptions.Scenario.LATENCY)).isFalse();
        assertThat(proof.proofEvents()).isEqualTo(5000);
        assertThatThrownBy(() -> BenchmarkOptions.parse("--proof-events", "0"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsTheIngestScenarioOnlyWhenNamed() {
        assertThat(BenchmarkOptions.parse().runs(BenchmarkOptions.Scenario.INGEST)).isFalse();
        BenchmarkOptions ingest = BenchmarkOptions.parse("--scenario", "ingest");
        assertThat(ingest.runs(BenchmarkOptions.Scenario.INGEST)).isTrue();
        assertThat(ingest.runs(BenchmarkOptions.Scenario.LATENCY)).isFalse();
        assertThat(ingest.runs(BenchmarkOptions.Scenario.ACCESS)).isFalse();
    }

    @Test
    void ingestsTwoHundredThousandEventsEachWayAsFastAsPossibleByDefault() {
        IngestOptions ingest = BenchmarkOptions.parse().ingest();

        assertThat(ingest.via().paths()).containsExactly(IngestOptions.Via.BATCH, IngestOptions.Via.KAFKA);
        assertThat(ingest.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(ingest.throughputSchedule()).isEqualTo(Schedule.of(200_000, 1_000, 0));
        assertThat(ingest.warmupSchedule()).isEqualTo(Schedule.of(200_000, 1_000, 0));
    }

    @Test
    void measuresIngestLatencyAtAThousandEventsASecondInBatchesOfTenEveryTenMillisecondsByDefault() {
        Schedule latency = BenchmarkOptions.parse().ingest().latencySchedule();

        assertThat(latency.events()).isEqualTo(60_000);
        assertThat(latency.perTick()).isEqualTo(10);
        assertThat(latency.dueNanos(1)).isEqualTo(10_000_000);
    }

    @Test
    void leavesEitherIngestPartOutWhenItsSizeIsZero() {
        IngestOptions ingest = BenchmarkOptions.parse("--ingest-events", "0", "--ingest-latency-seconds", "0")
                .ingest();

        assertThat(ingest.throughputSchedule().ticks()).isZero();
        assertThat(ingest.latencySchedule().ticks()).isZero();
    }

    @Test
    void rejectsAnUnknownIngestPath() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--ingest-via", "webhook"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--ingest-via must be batch, kafka or both");
    }

    @Test
    void rejectsABlankKafkaBootstrap() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--kafka-bootstrap", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-bootstrap");
    }

    @Test
    void rejectsAnEmptyBatchAndNeverSamplingEveryZerothEvent() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--batch-size", "0"))
                .hasMessageContaining("--batch-size must be at least 1");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--ingest-sample-every", "0"))
                .hasMessageContaining("--ingest-sample-every must be at least 1");
    }

    @Test
    void runsTheLongAccessScenarioOnlyWhenNamed() {
        BenchmarkOptions all = BenchmarkOptions.parse();
        assertThat(all.runs(BenchmarkOptions.Scenario.LATENCY)).isTrue();
        assertThat(all.runs(BenchmarkOptions.Scenario.ACCESS)).isFalse();
        BenchmarkOptions access = BenchmarkOptions.parse("--scenario", "access");
        assertThat(access.runs(BenchmarkOptions.Scenario.ACCESS)).isTrue();
        assertThat(access.runs(BenchmarkOptions.Scenario.THROUGHPUT)).isFalse();
        assertThat(access.accessEvents()).isEqualTo(1_000_000);
    }

    @Test
    void warmsTheThroughputRunUpByDefault() {
        assertThat(BenchmarkOptions.parse().warmupSeconds()).isEqualTo(60);
    }

    @Test
    void rejectsANegativeWarmUp() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--warmup-seconds", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--warmup-seconds");
    }
}
