package io.changeledger.query.projection;

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

/** The ids of a polled batch are claimed in one statement; each event must still be projected once. */
class ProcessedEventsIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    private ProcessedEvents processed;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void claimsEachNewIdOnceInTheBatchsOrder() {
        LedgerEnvelope before = deployment();
        LedgerEnvelope first = deployment();
        LedgerEnvelope second = deployment();
        transaction.executeWithoutResult(status -> processed.claim(List.of(delivered(before, 7))));

        List<LedgerEnvelope> fresh = transaction.execute(status -> processed.claim(List.of(
                delivered(second, 8), delivered(before, 9), delivered(first, 10), delivered(second, 11))));

        assertThat(fresh).containsExactly(second, first);
        assertThat(jdbc.sql("select kafka_offset from query.processed_event where event_id = ?")
                .param(second.eventId()).query(Long.class).single()).isEqualTo(8);
        assertThat(jdbc.sql("select kafka_offset from query.processed_event where event_id = ?")
                .param(before.eventId()).query(Long.class).single()).isEqualTo(7);
        assertThat(jdbc.sql("select event_type || ' ' || global_sequence from query.processed_event where event_id = ?")
                .param(first.eventId()).query(String.class).single())
                .isEqualTo("DeploymentRecorded " + first.globalSequence());
    }

    @Test
    void claimsNothingOfAnEmptyBatch() {
        assertThat(processed.claim(List.of())).isEmpty();
    }

    private static ProcessedEvents.Delivered delivered(LedgerEnvelope envelope, long offset) {
        return new ProcessedEvents.Delivered(envelope, 3, offset);
    }

    private static LedgerEnvelope deployment() {
        return envelope(new DeploymentRecorded(newId(), "claims-" + newId(), "production", "1.0.0", null, "alice",
                null, "api", Instant.parse("2026-11-26T10:00:00Z")), Instant.parse("2026-11-26T10:00:01Z"));
    }
}
