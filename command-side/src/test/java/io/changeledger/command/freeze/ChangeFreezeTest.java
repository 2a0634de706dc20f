package io.changeledger.command.freeze;

import io.changeledger.command.change.ChangeRuleException;
import io.changeledger.events.change.TimeWindow;
import io.changeledger.events.freeze.ChangeFreezeDeclared;
import io.changeledger.events.freeze.ChangeFreezeLifted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

class ChangeFreezeTest {

    private static final Instant DECLARED = Instant.parse("2026-12-01T09:00:00Z");
    private static final TimeWindow YEAR_END = new TimeWindow(Instant.parse("2026-12-20T00:00:00Z"),
            Instant.parse("2027-01-03T00:00:00Z"));
    private static final ChangeFreezeDeclared DECLARED_EVENT = new ChangeFreezeDeclared("freeze-1",
            Set.of("checkout"), Set.of("production"), YEAR_END, "year-end", "grace", DECLARED);

    private AggregateTestFixture<ChangeFreeze> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChangeFreeze.class);
    }

    @Test
    void declaresAFreeze() {
        fixture.givenNoPriorActivity()
                .when(new DeclareChangeFreezeCommand("freeze-1", Set.of("checkout"), Set.of("production"), YEAR_END,
                        "year-end", "grace", DECLARED))
                .expectEvents(DECLARED_EVENT);
    }

    @Test
    void rejectsAFreezeWithoutAReason() {
        fixture.givenNoPriorActivity()
                .when(new DeclareChangeFreezeCommand("freeze-1", null, null, YEAR_END, "", "grace", DECLARED))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("reason is required")
                .expectNoEvents();
    }

    @Test
    void liftsAFreezeEarly() {
        Instant lifted = Instant.parse("2026-12-28T12:00:00Z");
        fixture.given(DECLARED_EVENT)
                .when(new LiftChangeFreezeCommand("freeze-1", "grace", "sales closed early", lifted))
                .expectEvents(new ChangeFreezeLifted("freeze-1", "grace", "sales closed early", lifted));
    }

    @Test
    void rejectsLiftingAFreezeTwice() {
        Instant lifted = Instant.parse("2026-12-28T12:00:00Z");
        fixture.given(DECLARED_EVENT, new ChangeFreezeLifted("freeze-1", "grace", null, lifted))
                .when(new LiftChangeFreezeCommand("freeze-1", "grace", null, lifted.plusSeconds(60)))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Freeze freeze-1 is already lifted")
                .expectNoEvents();
    }

    @Test
    void rejectsLiftingAFreezeThatAlreadyEnded() {
        fixture.given(DECLARED_EVENT)
                .when(new LiftChangeFreezeCommand("freeze-1", "grace", null, Instant.parse("2027-01-05T00:00:00Z")))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Freeze freeze-1 already ended at 2027-01-03T00:00:00Z")
                .expectNoEvents();
    }
}
