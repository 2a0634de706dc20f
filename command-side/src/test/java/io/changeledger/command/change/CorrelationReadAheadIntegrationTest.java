package io.changeledger.command.change;

import io.changeledger.command.HttpApiTest;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.jdbc.StalePlans;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingested reports share a transaction, which reads ahead in one statement what they will look up to correlate; what
 * the transaction itself writes to the lookup must still count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CorrelationReadAheadIntegrationTest extends HttpApiTest {

    @Autowired
    private ChangeIntake changes;

    @Autowired
    private TransactionOperations transaction;

    private String service;

    @BeforeEach
    void newService() {
        service = "read-ahead-" + UUID.randomUUID();
    }

    @Test
    void looksUpTheReportsOfATransactionInOneStatement() {
        String reported = changes.report(report(null, "1.0.0", ChangeOutcome.COMPLETED, "argocd")).id();
        List<ChangeRequests.ReportChange> reports = List.of(report(null, "1.0.0", ChangeOutcome.COMPLETED, "github"),
                report(null, "1.0.1", ChangeOutcome.COMPLETED, "github"),
                report(null, "1.0.2", ChangeOutcome.COMPLETED, "github"));

        long[] scans = transaction.execute(status -> {
            long before = scansOfTheLookup();
            changes.expect(reports);
            long readingAhead = scansOfTheLookup() - before;
            List<String> ids = reports.stream().map(report -> changes.report(report).id()).toList();
            assertThat(ids.get(0)).isEqualTo(reported);
            assertThat(ids.subList(1, 3)).doesNotContain(reported).doesNotHaveDuplicates();
            return new long[] {readingAhead, scansOfTheLookup() - before - readingAhead};
        });

        assertThat(scans[0]).as("one index scan per correlation key, in one statement").isEqualTo(3);
        assertThat(scans[1]).as("the reports asked the lookup nothing more").isZero();
    }

    @Test
    void aToolsSecondReportDoesNotLandOnTheChangeItsFirstReportCompletedInTheSameTransaction() {
        String planned = changes.report(report(null, "2.0.0", ChangeOutcome.STARTED, "argocd")).id();

        List<String> ids = transaction.execute(status -> {
            changes.expect(List.of(report(null, "2.0.0", ChangeOutcome.COMPLETED, "github")));
            return List.of(changes.report(report(null, "2.0.0", ChangeOutcome.COMPLETED, "github")).id(),
                    changes.report(report(null, "2.0.0", ChangeOutcome.COMPLETED, "github")).id());
        });

        assertThat(ids.get(0)).isEqualTo(planned);
        assertThat(ids.get(1)).isNotEqualTo(planned);
        assertThat(eventTypes(ids.get(1))).containsExactly("ChangeRecorded");
    }

    @Test
    void anotherToolsReportLandsOnAChangeTheTransactionRecordedAndHasSinceWrittenToTheLookup() {
        String open = changes.report(report(null, "3.1.0", ChangeOutcome.STARTED, "argocd")).id();

        List<String> ids = transaction.execute(status -> {
            changes.expect(List.of(report(null, "3.0.0", ChangeOutcome.COMPLETED, "argocd")));
            String recorded = changes.report(report(null, "3.0.0", ChangeOutcome.COMPLETED, "argocd")).id();
            // completing another change writes the lookup's rows this transaction still held
            changes.report(report(open, "3.1.0", ChangeOutcome.COMPLETED, "argocd"));
            return List.of(recorded, changes.report(report(null, "3.0.0", ChangeOutcome.COMPLETED, "github")).id());
        });

        assertThat(ids.get(1)).isEqualTo(ids.get(0));
    }

    @Test
    void readsAheadByTheIndexAfterTheLookupGrewUnderAPlanMadeWhileItWasEmpty() {
        List<JsonNode> plan = new StalePlans(jdbc, transaction, "command").planAfterGrowth(List.of("change_lookup"),
                ChangeLookup.READ_AHEAD, List.of("text[]", "timestamptz", "integer"),
                List.of("array['key-1', 'key-2']", "now() - interval '1 hour'", "21"), """
                        insert into change_lookup (change_id, service, environment, correlation_key, version, status,
                            reported_at, reporters)
                        select 'change-' || n, 'checkout', 'production', 'key-' || n, '1.' || n, 'COMPLETED', now(),
                            array['argocd']
                        from generate_series(1, 20000) n""");

        assertThat(StalePlans.scansAll(plan, "change_lookup")).as("a sequential scan of the lookup: %s", plan)
                .isFalse();
        assertThat(plan).anyMatch(node -> node.get("Node Type").asString().startsWith("Index Scan"));
    }

    /** Index and sequential scans of the command side's change lookup in the current transaction. */
    private long scansOfTheLookup() {
        return jdbc.sql("""
                        select coalesce(idx_scan, 0) + coalesce(seq_scan, 0) from pg_stat_xact_user_tables
                        where schemaname = 'command' and relname = 'change_lookup'""")
                .query(Long.class).single();
    }

    private ChangeRequests.ReportChange report(String changeId, String version, ChangeOutcome outcome,
                                               String sourceSystem) {
        return new ChangeRequests.ReportChange(changeId, new ChangeDetails.Deployment(version, null), service, "qa",
                "deploy-bot", sourceSystem, null, outcome, false, null, null, null);
    }
}
