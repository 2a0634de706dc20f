package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

    @Test
    void sendsEveryTickOnceAndNoneBeforeItIsDue() throws InterruptedException {
        Schedule schedule = Schedule.of(20, 2, 1_000);
        Map<Long, Long> lateBy = new ConcurrentHashMap<>();

        long start = Pacer.run(schedule, 2, (tick, due) -> lateBy.merge(tick, System.nanoTime() - due,
                (first, again) -> -1L));

        assertThat(lateBy).hasSize(10);
        assertThat(lateBy.values()).allSatisfy(late -> assertThat(late).isNotNegative());
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(schedule.dueNanos(9));
    }

    @Test
    void aSlowAnswerDoesNotHoldBackTheTicksAfterIt() throws InterruptedException {
        Schedule schedule = Schedule.of(10, 1, 200);
        CountDownLatch lastTickSent = new CountDownLatch(1);
        AtomicBoolean firstSawTheLast = new AtomicBoolean();

        Pacer.run(schedule, 2, (tick, due) -> {
            try {
                if (tick == 0) {
                    // the first request hangs until the last one has gone out: only an open loop gets there
                    firstSawTheLast.set(lastTickSent.await(10, TimeUnit.SECONDS));
                } else if (tick == 9) {
                    lastTickSent.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(firstSawTheLast).isTrue();
    }

    @Test
    void unpacedSendersWorkOffEveryTickOnce() throws InterruptedException {
        Schedule schedule = Schedule.of(1_000, 7, 0);
        Map<Long, Integer> sent = new ConcurrentHashMap<>();

        Pacer.run(schedule, 4, (tick, due) -> sent.merge(tick, 1, Integer::sum));

        assertThat(sent).hasSize((int) schedule.ticks());
        assertThat(sent.values()).containsOnly(1);
    }
}
