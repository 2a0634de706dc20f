package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhaseTallyTest {

    @Test
    void aTickIsSettledWhenItsLastRecordIs() {
        PhaseTally tally = new PhaseTally(2);
        tally.sending(0, 1_000, 1_010, 3);

        tally.settled(0, 1_500);
        tally.settled(0, 1_900);
        tally.settled(0, 1_700);

        assertThat(tally.sendLags()).containsExactly(10);
        assertThat(tally.settleTimes()).containsExactly(900);
        assertThat(tally.lastSettledNanos()).isEqualTo(1_900);
        assertThat(tally.sent.sum()).isEqualTo(3);
    }

    @Test
    void ticksNotYetSentOrSettledAreLeftOutOfTheTimes() {
        PhaseTally tally = new PhaseTally(3);
        tally.sending(0, 0, 5, 1);
        tally.sending(1, 10, 12, 1);
        tally.settled(1, 40);

        assertThat(tally.sendLags()).containsExactly(5, 2);
        assertThat(tally.settleTimes()).containsExactly(30);
    }

    @Test
    void keepsTheFirstFiveErrorsAndCountsTheRest() {
        PhaseTally tally = new PhaseTally(1);
        for (int i = 0; i < 8; i++) {
            tally.error("error " + i);
        }

        assertThat(tally.errors()).containsExactly("error 0", "error 1", "error 2", "error 3", "error 4");
        assertThat(tally.errorCount()).isEqualTo(8);
    }
}
