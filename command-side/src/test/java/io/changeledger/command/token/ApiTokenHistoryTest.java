package io.changeledger.command.token;

import io.changeledger.command.token.TokenCommands.RecordTokenFirstUseCommand;
import io.changeledger.command.token.TokenCommands.RecordTokenIssuedCommand;
import io.changeledger.command.token.TokenCommands.RecordTokenRevocationCommand;
import io.changeledger.events.token.ApiTokenFirstUsed;
import io.changeledger.events.token.ApiTokenIssued;
import io.changeledger.events.token.ApiTokenRevoked;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class ApiTokenHistoryTest {

    private static final String ID = "0b1c2d3e-4f50-4a61-8b72-c3d4e5f6a7b8";
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-02-24T10:00:00Z");
    private static final ApiTokenIssued ISSUED = new ApiTokenIssued(ID, "query-side", "ivan", "AUDITOR", "root", AT,
            EXPIRES);

    private AggregateTestFixture<ApiTokenHistory> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ApiTokenHistory.class);
    }

    @Test
    void recordsAnIssuedToken() {
        fixture.givenNoPriorActivity()
                .when(new RecordTokenIssuedCommand(ID, "query-side", "ivan", "AUDITOR", "root", AT, EXPIRES))
                .expectEvents(ISSUED)
                .expectResultMessagePayload(false);
    }

    @Test
    void answersATokenIssuedAgainAsRecordedAlready() {
        fixture.given(ISSUED)
                .when(new RecordTokenIssuedCommand(ID, "query-side", "ivan", "AUDITOR", "root", AT, EXPIRES))
                .expectNoEvents()
                .expectResultMessagePayload(true);
    }

    @Test
    void rejectsATokenThatExpiresBeforeItWasIssued() {
        fixture.givenNoPriorActivity()
                .when(new RecordTokenIssuedCommand(ID, "query-side", "ivan", "AUDITOR", "root", EXPIRES, AT))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void recordsTheFirstUseOnce() {
        ApiTokenFirstUsed used = new ApiTokenFirstUsed(ID, "query-side", AT.plusSeconds(60));
        fixture.given(ISSUED)
                .when(new RecordTokenFirstUseCommand(ID, "query-side", AT.plusSeconds(60)))
                .expectEvents(used);
        fixture.given(ISSUED, used)
                .when(new RecordTokenFirstUseCommand(ID, "query-side", AT.plusSeconds(90)))
                .expectNoEvents()
                .expectResultMessagePayload(true);
    }

    @Test
    void recordsTheRevocationOnce() {
        ApiTokenRevoked revoked = new ApiTokenRevoked(ID, "query-side", "root", AT.plusSeconds(3600));
        fixture.given(ISSUED)
                .when(new RecordTokenRevocationCommand(ID, "query-side", "root", AT.plusSeconds(3600)))
                .expectEvents(revoked);
        fixture.given(ISSUED, revoked)
                .when(new RecordTokenRevocationCommand(ID, "query-side", "root", AT.plusSeconds(7200)))
                .expectNoEvents()
                .expectResultMessagePayload(true);
    }

    @Test
    void rejectsARevocationByTheOtherSide() {
        fixture.given(ISSUED)
                .when(new RecordTokenRevocationCommand(ID, "command-side", "root", AT.plusSeconds(60)))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
