package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CountWatchTest {

    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void saysWhenTheQuerySideFirstShowedAllAndHowFarItWasBefore() throws Exception {
        AtomicLong count = new AtomicLong();
        try (FakeLedger ledger = new FakeLedger().on("GET /api/v1/changes", request -> FakeLedger.Reply.json(200,
                "{\"items\":[],\"page\":0,\"size\":1,\"totalItems\":" + count.addAndGet(10) + "}"));
             CountWatch watch = new CountWatch(ledger.options(), "svc", 10)) {
            long before = System.nanoTime();

            var reached = watch.awaitAtLeast(50, 5_000 * MILLIS);

            assertThat(reached).isPresent();
            assertThat(reached.getAsLong()).isGreaterThan(before);
            assertThat(watch.at(reached.getAsLong()).count()).isGreaterThanOrEqualTo(50);
            assertThat(watch.at(reached.getAsLong() - 1).count()).isLessThan(50);
            assertThat(watch.at(before - 1).count()).isZero();
        }
    }

    @Test
    void givesUpWhenTheCountStandsStill() throws Exception {
        try (FakeLedger ledger = new FakeLedger().on("GET /api/v1/changes", request -> FakeLedger.Reply.json(200,
                "{\"items\":[],\"page\":0,\"size\":1,\"totalItems\":3}"));
             CountWatch watch = new CountWatch(ledger.options(), "svc", 10)) {

            assertThat(watch.awaitAtLeast(4, 300 * MILLIS)).isEmpty();
            assertThat(watch.latest().count()).isEqualTo(3);
        }
    }
}
