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
                        BenchmarkOptions.Scenario.THROUGHPUT, "production", 5000, 3, 20));
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
