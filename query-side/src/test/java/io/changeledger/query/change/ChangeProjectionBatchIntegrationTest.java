package io.changeledger.query.change;

import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;

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
