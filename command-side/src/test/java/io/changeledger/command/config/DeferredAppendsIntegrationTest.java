package io.changeledger.command.config;

import io.changeledger.command.HttpApiTest;
import io.changeledger.command.change.ChangeIntake;
import io.changeledger.command.change.ChangeRequests;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionOperations;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeferredAppendsIntegrationTest extends HttpApiTest {

    @Autowired
    private DeferredAppends appends;

    @Autowired
    private ChangeIntake changes;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TransactionOperations transaction;

    @Test
    void insertsATransactionsEventsWhenItCommits() {
        List<Long> insideAndAfter = new ArrayList<>();
        String changeId = transaction.execute(status -> {
            appends.untilCommit();
            String id = changes.report(report(null, "deferred", ChangeOutcome.COMPLETED)).id();
            insideAndAfter.add(eventsOf(id));
            return id;
        });
        insideAndAfter.add(eventsOf(changeId));

        assertThat(insideAndAfter).containsExactly(0L, 1L);
    }

    @Test
    void insertsEachCommandsEventsRightAwayInATransactionThatDidNotAsk() {
        long inside = transaction.execute(status ->
                eventsOf(changes.report(report(null, "not-deferred", ChangeOutcome.COMPLETED)).id()));

        assertThat(inside).isEqualTo(1L);
    }

    @Test
    void aLaterCommandOnTheSameChangeFindsTheEventsHeldForIt() {
        String changeId = transaction.execute(status -> {
            appends.untilCommit();
            String id = changes.report(report(null, "held-then-read", ChangeOutcome.STARTED)).id();
            changes.report(report(id, "held-then-read", ChangeOutcome.COMPLETED));
            return id;
        });

        assertThat(eventTypes(changeId)).containsExactly("ChangeRecorded", "ChangeCompleted");
    }

    @Test
    void aConflictAtTheCommitRollsBackEverythingTheTransactionDid() {
        String existing = changes.report(report(null, "conflicting", ChangeOutcome.COMPLETED)).id();
        String service = "rolled-back-" + UUID.randomUUID();
        long events = storedEvents();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            appends.untilCommit();
            changes.report(report(null, service, ChangeOutcome.STARTED));
            // another writer's event already holds the change's first sequence number
            eventStore.publish(new GenericDomainEventMessage<>("ProductionChange", existing, 0, "conflict"));
        })).isInstanceOf(RuntimeException.class);

        assertThat(storedEvents()).isEqualTo(events);
        assertThat(jdbc.sql("select count(*) from command.change_lookup where service = ?").param(service)
                .query(Long.class).single()).isZero();
    }

    private long eventsOf(String changeId) {
        return jdbc.sql("select count(*) from command.domainevententry where aggregateidentifier = ?")
                .param(changeId).query(Long.class).single();
    }

    private static ChangeRequests.ReportChange report(String changeId, String service, ChangeOutcome outcome) {
        return new ChangeRequests.ReportChange(changeId, new ChangeDetails.Deployment("1.0." + UUID.randomUUID(),
                null), service, "qa", "deploy-bot", "ci", null, outcome, false, null, null, null);
    }
}
