package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {

    @Test
    void pacedTicksAreDueAtEvenIntervalsFromTheStart() {
        Schedule schedule = Schedule.of(60_000, 10, 1_000);

        assertThat(schedule.paced()).isTrue();
        assertThat(schedule.ticks()).isEqualTo(6_000);
        assertThat(schedule.dueNanos(0)).isZero();
        assertThat(schedule.dueNanos(1)).isEqualTo(10_000_000);
        assertThat(schedule.dueNanos(5_999)).isEqualTo(59_990_000_000L);
        assertThat(schedule.seconds()).isEqualTo(60.0);
    }

    @Test
    void dueTimesDoNotDriftWhenTheRateDoesNotDivideASecond() {
        Schedule schedule = Schedule.of(9, 1, 3);

        assertThat(schedule.dueNanos(1)).isEqualTo(333_333_333);
        assertThat(schedule.dueNanos(3)).isEqualTo(1_000_000_000);
        assertThat(schedule.dueNanos(6)).isEqualTo(2_000_000_000);
    }

    @Test
    void theLastTickHoldsWhatIsLeft() {
        Schedule schedule = Schedule.of(25, 10, 0);

        assertThat(schedule.ticks()).isEqualTo(3);
        assertThat(schedule.firstEvent(2)).isEqualTo(20);
        assertThat(schedule.eventsIn(0)).isEqualTo(10);
        assertThat(schedule.eventsIn(2)).isEqualTo(5);
    }

    @Test
    void everyTickOfAnUnpacedScheduleIsDueAtOnce() {
        Schedule schedule = Schedule.of(5_000, 1_000, 0);

        assertThat(schedule.paced()).isFalse();
        assertThat(schedule.dueNanos(4)).isZero();
        assertThat(schedule.seconds()).isNaN();
    }

    @Test
    void noEventsMeansNoTicks() {
        assertThat(Schedule.of(0, 1_000, 0).ticks()).isZero();
    }

    @Test
    void rejectsEmptyTicksAndNegativeRates() {
        assertThatThrownBy(() -> Schedule.of(10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Schedule.of(10, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
