package io.changeledger.command.access;

import io.changeledger.command.access.AccessCommands.DecideAccessReviewCommand;
import io.changeledger.command.access.AccessCommands.FlagOverdueAccessReviewCommand;
import io.changeledger.command.access.AccessCommands.StartAccessReviewCommand;
import io.changeledger.events.access.AccessDecision;
import io.changeledger.events.access.AccessReviewCompleted;
import io.changeledger.events.access.AccessReviewDecided;
import io.changeledger.events.access.AccessReviewOverdue;
import io.changeledger.events.access.AccessReviewStarted;
import io.changeledger.events.access.ReviewedGrant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class AccessReviewTest {

    private static final String ID = "review-1";
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant DUE = Instant.parse("2026-12-10T00:00:00Z");
    private static final List<ReviewedGrant> SCOPE = List.of(new ReviewedGrant("g-1", "alice", "dba", true),
            new ReviewedGrant("g-2", "bob", "viewer", false));

    private AggregateTestFixture<AccessReview> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccessReview.class);
    }

    private static AccessReviewStarted started() {
        return new AccessReviewStarted(ID, "orders-db", SCOPE, "erin", DUE, "frank", T0);
    }

    @Test
    void startsAReviewOfTheGrantsInScope() {
        fixture.givenNoPriorActivity()
                .when(new StartAccessReviewCommand(ID, "orders-db", SCOPE, "erin", DUE, "frank", T0))
                .expectEvents(started());
    }

    @Test
    void completesAReviewOfASystemNobodyHoldsAccessTo() {
        fixture.givenNoPriorActivity()
                .when(new StartAccessReviewCommand(ID, "orders-db", List.of(), "erin", DUE, "frank", T0))
                .expectEvents(new AccessReviewStarted(ID, "orders-db", List.of(), "erin", DUE, "frank", T0),
                        new AccessReviewCompleted(ID, T0));
    }

    @Test
    void rejectsADueDateBeforeTheStart() {
        fixture.givenNoPriorActivity()
                .when(new StartAccessReviewCommand(ID, "orders-db", SCOPE, "erin", T0, "frank", T0))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void recordsADecisionAndCompletesWithTheLast() {
        Instant at = T0.plusSeconds(60);
        fixture.given(started())
                .when(new DecideAccessReviewCommand(ID, "g-1", AccessDecision.REVOKED, "erin", "left", at))
                .expectEvents(new AccessReviewDecided(ID, "g-1", AccessDecision.REVOKED, "erin", "left", at));
        fixture.given(started(), new AccessReviewDecided(ID, "g-1", AccessDecision.REVOKED, "erin", "left", at))
                .when(new DecideAccessReviewCommand(ID, "g-2", AccessDecision.CERTIFIED, "erin", null, at))
                .expectEvents(new AccessReviewDecided(ID, "g-2", AccessDecision.CERTIFIED, "erin", null, at),
                        new AccessReviewCompleted(ID, at));
    }

    @Test
    void rejectsDecidingTwiceOrOutsideTheScope() {
        fixture.given(started(), new AccessReviewDecided(ID, "g-1", AccessDecision.CERTIFIED, "erin", null, T0))
                .when(new DecideAccessReviewCommand(ID, "g-1", AccessDecision.REVOKED, "erin", null, T0))
                .expectException(AccessRuleException.class);
        fixture.given(started())
                .when(new DecideAccessReviewCommand(ID, "g-9", AccessDecision.CERTIFIED, "erin", null, T0))
                .expectException(AccessRuleException.class);
    }

    @Test
    void rejectsAReviewerDecidingOnTheirOwnAccess() {
        fixture.given(started())
                .when(new DecideAccessReviewCommand(ID, "g-1", AccessDecision.CERTIFIED, "alice", null, T0))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("alice holds access g-1 and cannot review it: segregation of duties");
    }

    @Test
    void flagsAnOverdueReviewOnceWithItsUndecidedGrants() {
        fixture.given(started(), new AccessReviewDecided(ID, "g-1", AccessDecision.CERTIFIED, "erin", null, T0))
                .when(new FlagOverdueAccessReviewCommand(ID, DUE))
                .expectEvents(new AccessReviewOverdue(ID, DUE, List.of("g-2"), DUE));
        fixture.given(started(), new AccessReviewOverdue(ID, DUE, List.of("g-1", "g-2"), DUE))
                .when(new FlagOverdueAccessReviewCommand(ID, DUE.plusSeconds(30)))
                .expectNoEvents();
        fixture.given(started())
                .when(new FlagOverdueAccessReviewCommand(ID, DUE.minusSeconds(1)))
                .expectNoEvents();
    }
}
