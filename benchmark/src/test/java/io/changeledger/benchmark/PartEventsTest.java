package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class PartEventsTest {

    private final PartEvents latency = new PartEvents("ab12cd34", "kafka", "latency", "benchmark", 20);

    @Test
    void theSampledEventsShareAServiceOfTheirOwnAndSayWhenTheyOccurred() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        assertThat(latency.service()).isEqualTo("bench-ab12cd34-kafka-latency");
        assertThat(latency.sampledService()).isEqualTo("bench-ab12cd34-kafka-latency-sampled");
        assertThat(latency.event(0).service()).isEqualTo(latency.sampledService());
        assertThat(latency.event(20).service()).isEqualTo(latency.sampledService());
        Instant occurred = latency.event(20).occurredAt();
        assertThat(occurred).isBetween(before, Instant.now()).isEqualTo(occurred.truncatedTo(ChronoUnit.MILLIS));
        assertThat(latency.event(1).service()).isEqualTo(latency.service());
        assertThat(latency.event(19).service()).isEqualTo(latency.service());
        assertThat(latency.event(19).occurredAt()).isNull();
    }

    @Test
    void samplesEveryNthEventFromTheFirst() {
        assertThat(LongStream.range(0, 60).filter(latency::sampled).toArray()).containsExactly(0, 20, 40);
        assertThat(latency.sampledOf(60_000)).isEqualTo(3_000);
        assertThat(latency.sampledOf(21)).isEqualTo(2);
        assertThat(latency.sampledOf(0)).isZero();
    }

    @Test
    void aPartWithoutSamplingSamplesNothing() {
        PartEvents throughput = new PartEvents("ab12cd34", "batch", "throughput", "benchmark", 0);

        assertThat(throughput.sampled(0)).isFalse();
        assertThat(throughput.sampledOf(200_000)).isZero();
        assertThat(throughput.event(0).service()).isEqualTo(throughput.service());
    }

    @Test
    void idempotencyKeysAndVersionsDifferBetweenEventsPathsAndParts() {
        PartEvents other = new PartEvents("ab12cd34", "batch", "latency", "benchmark", 20);
        PartEvents warmup = new PartEvents("ab12cd34", "kafka", "warmup", "benchmark", 0);
        Set<String> keys = new HashSet<>();
        for (PartEvents part : List.of(latency, other, warmup)) {
            for (long n = 0; n < 100; n++) {
                assertThat(keys.add(part.event(n).idempotencyKey())).isTrue();
            }
        }
        assertThat(latency.event(7).version()).isEqualTo("latency.7");
        assertThat(warmup.event(7).version()).isEqualTo("warmup.7");
    }

    @Test
    void aTickHoldsItsEventsInOrder() {
        List<IngestEvent> tick = latency.tick(Schedule.of(25, 10, 1_000), 2);

        assertThat(tick).extracting(IngestEvent::version).containsExactly("latency.20", "latency.21", "latency.22",
                "latency.23", "latency.24");
        assertThat(tick).allSatisfy(event -> assertThat(event.environment()).isEqualTo("benchmark"));
    }
}
