package io.changeledger.query.change;

import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.ChangeRequested;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.change.RiskLevel;
import io.changeledger.events.change.TimeWindow;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A polled batch goes to the database as runs of the same statement; the read model must not notice. */
class ChangeProjectionBatchIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    private ChangeProjection projection;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aBatchLeavesTheSameReadModelAsItsEventsOneByOne() {
        String service = "batched-" + newId();
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        String planned = newId();
        String alone = newId();
        // runs of one statement (two recorded deployments, the two creations) and a change's later events right
        // after its creation, each of which must find the row its predecessor wrote
        List<LedgerEnvelope> batch = List.of(
                envelope(deployment(newId(), service, at), at),
                envelope(deployment(newId(), service, at.plusSeconds(1)), at),
                envelope(requested(planned, service, "production", 1, at.plusSeconds(2)), at),
                envelope(deployment(alone, service, at.plusSeconds(3)), at),
                envelope(new ChangeApproved(planned, "carol", "looks fine", false, at.plusSeconds(4)), at),
                envelope(new ChangeStarted(planned, "alice", "api", at.plusSeconds(5)), at),
                envelope(new ChangeCompleted(planned, "alice", "api", at.plusSeconds(6)), at));
        String reference = "oneByOne-" + newId();
        String referencePlanned = newId();
        List<LedgerEnvelope> oneByOne = List.of(
                envelope(deployment(newId(), reference, at), at),
                envelope(deployment(newId(), reference, at.plusSeconds(1)), at),
                envelope(requested(referencePlanned, reference, "production", 1, at.plusSeconds(2)), at),
                envelope(deployment(newId(), reference, at.plusSeconds(3)), at),
                envelope(new ChangeApproved(referencePlanned, "carol", "looks fine", false, at.plusSeconds(4)), at),
                envelope(new ChangeStarted(referencePlanned, "alice", "api", at.plusSeconds(5)), at),
                envelope(new ChangeCompleted(referencePlanned, "alice", "api", at.plusSeconds(6)), at));

        transaction.executeWithoutResult(status -> projection.onAll(batch));
        transaction.executeWithoutResult(status -> oneByOne.forEach(projection::on));

        assertThat(jdbc.sql("select count(*) from query.production_change where service = ?").param(service)
                .query(Long.class).single()).isEqualTo(4);
        assertThat(states(planned)).containsExactly(
                "REQUESTED 0", "APPROVED 1", "IN_PROGRESS 1", "COMPLETED 1");
        assertThat(states(planned)).isEqualTo(states(referencePlanned));
        assertThat(states(alone)).containsExactly("COMPLETED 0");
        assertThat(jdbc.sql("select status || ' ' || approval_count from query.production_change where change_id = ?")
                .param(planned).query(String.class).single()).isEqualTo("COMPLETED 1");
        assertThat(jdbc.sql("select count(*) from query.change_approval where change_id = ?").param(planned)
                .query(Long.class).single()).isOne();
    }

    /** A run of creations is one statement of arrays; every column must come out as the one-row statement's. */
    @Test
    void aRunOfCreationsLeavesTheSameRowsAsItsEventsOneByOne() {
        String batched = "created-" + newId();
        String reference = "created-one-by-one-" + newId();

        transaction.executeWithoutResult(status -> projection.onAll(creations(batched)));
        transaction.executeWithoutResult(status -> creations(reference).forEach(projection::on));

        List<String> changes = rows(batched, CHANGES);
        assertThat(changes).hasSize(5).isEqualTo(rows(reference, CHANGES));
        assertThat(rows(batched, HISTORY)).hasSize(5).isEqualTo(rows(reference, HISTORY));
        assertThat(rows(batched, EVIDENCE)).hasSize(3).isEqualTo(rows(reference, EVIDENCE));
    }

    private static final String CHANGES = """
            select (to_jsonb(c) - 'change_id' - 'service' - 'event_id' - 'global_sequence')::text
            from query.production_change c where c.service = ? order by c.occurred_at""";
    private static final String HISTORY = """
            select (to_jsonb(h) - 'change_id' - 'event_id' - 'global_sequence' #- '{summary,service}')::text
            from query.change_history h join query.production_change c using (change_id)
            where c.service = ? order by h.occurred_at""";
    private static final String EVIDENCE = """
            select (to_jsonb(e) - 'change_id' - 'global_sequence')::text
            from query.change_evidence e join query.production_change c using (change_id)
            where c.service = ? order by e.occurred_at, e.position""";

    private List<String> rows(String service, String sql) {
        return jdbc.sql(sql).param(service).query(String.class).list();
    }

    /** Every kind of creation, with and without evidence, window, ticket and digest, at nanosecond instants. */
    private static List<LedgerEnvelope> creations(String service) {
        Instant at = Instant.parse("2026-11-26T10:00:00.123456789Z");
        EvidenceLink pullRequest = new EvidenceLink(EvidenceLink.EvidenceType.PULL_REQUEST,
                "https://github.com/acme/shop/pull/7", null, "the change");
        EvidenceLink run = new EvidenceLink(EvidenceLink.EvidenceType.CI_RUN,
                "https://github.com/acme/shop/actions/runs/9", "a".repeat(64), null);
        String digest = "sha256:" + "b".repeat(64);
        return List.of(
                envelope(new ChangeRequested(newId(), new ChangeDetails.Deployment("3.0.0", digest), service,
                        "production", "alice", "jira", "release-3", RiskLevel.HIGH,
                        new TimeWindow(at.plusSeconds(3600), at.plusSeconds(7200)), true, policy(2),
                        List.of(pullRequest, run), Map.of("ticket", "CHG-1", "team", "shop"), at), at),
                envelope(new ChangeRecorded(newId(), new ChangeDetails.Hotfix("3.0.1", null, "INC-4"), service,
                        "production", "bob", "github", null, ChangeOutcome.STARTED, false, policy(1),
                        List.of(run), Map.of(), at.plusNanos(1_500)), at.plusNanos(999)),
                envelope(new ChangeRecorded(newId(), new ChangeDetails.Deployment("3.0.2", null), service,
                        "staging", "bob", "argocd", "release-3", ChangeOutcome.COMPLETED, false, policy(0),
                        List.of(), Map.of(), at.plusSeconds(2)), at.plusSeconds(2)),
                envelope(new DeploymentRecorded(newId(), service, "production", "3.0.3", digest, "carol", "CHG-2",
                        "api", at.plusSeconds(3)), at.plusSeconds(3)),
                envelope(new DeploymentRecorded(newId(), service, "qa", "3.0.4", null, "carol", null, "api",
                        at.plusSeconds(4)), at.plusSeconds(4)));
    }

    private List<String> states(String changeId) {
        return jdbc.sql("""
                        select status_after || ' ' || approval_count_after from query.change_history
                        where change_id = ? order by global_sequence""")
                .param(changeId).query(String.class).list();
    }

    private static DeploymentRecorded deployment(String changeId, String service, Instant occurredAt) {
        return new DeploymentRecorded(changeId, service, "production", "1.4.2", null, "alice", null, "api",
                occurredAt);
    }
}
