package io.changeledger.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyStatsTest {

    @Test
    void nearestRankPercentilesOfAKnownSample() {
        // the textbook nearest-rank example: 15, 20, 35, 40, 50
        LatencyStats stats = LatencyStats.of(35, 50, 15, 40, 20);

        assertThat(stats.percentile(5)).isEqualTo(15);
        assertThat(stats.percentile(30)).isEqualTo(20);
        assertThat(stats.percentile(40)).isEqualTo(20);
        assertThat(stats.percentile(50)).isEqualTo(35);
        assertThat(stats.percentile(100)).isEqualTo(50);
        assertThat(stats.max()).isEqualTo(50);
    }

    @Test
    void percentilesOfOneToAThousandAreTheRanksThemselvesWhateverTheInputOrder() {
        List<Long> values = new ArrayList<>(LongStream.rangeClosed(1, 1000).boxed().toList());
        Collections.shuffle(values, new Random(42));
        LatencyStats stats = LatencyStats.of(values.stream().mapToLong(Long::longValue).toArray());

        assertThat(stats.count()).isEqualTo(1000);
        assertThat(stats.percentile(50)).isEqualTo(500);
        assertThat(stats.percentile(90)).isEqualTo(900);
        assertThat(stats.percentile(99)).isEqualTo(990);
        assertThat(stats.percentile(99.9)).isEqualTo(999);
        assertThat(stats.max()).isEqualTo(1000);
    }

    @Test
    void everyPercentileOfASingleSampleIsThatSample() {
        LatencyStats stats = LatencyStats.of(7);

        assertThat(stats.percentile(0.1)).isEqualTo(7);
        assertThat(stats.percentile(99)).isEqualTo(7);
    }

    @Test
    void usesOnlyTheFilledPartOfTheArrayAndLeavesTheCallersArrayAlone() {
        long[] nanos = {30, 10, 20, 0, 0};

        LatencyStats stats = LatencyStats.of(nanos, 3);

        assertThat(stats.percentile(50)).isEqualTo(20);
        assertThat(stats.max()).isEqualTo(30);
        assertThat(nanos).containsExactly(30, 10, 20, 0, 0);
    }

    @Test
    void rejectsPercentilesOutsideZeroToAHundredAndEmptySamples() {
        LatencyStats stats = LatencyStats.of(1, 2, 3);

        assertThatThrownBy(() -> stats.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStats.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsNanosAsMillisecondsWithAPointWhateverTheLocale() {
        assertThat(LatencyStats.millis(12_345_678)).isEqualTo("12.346");
    }
}
