package io.changeledger.query.report;

import io.changeledger.events.LedgerEvent;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports over a history written in the test: each event is recorded at a moment the test chooses, so that "as known
 * at T" is exact, and the test waits until every event of the history has reached the read models.
 */
abstract class ReportIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    private final List<LedgerEvent> sent = new ArrayList<>();

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** Recorded by the ledger a minute after it happened. */
    void record(LedgerEvent event) throws Exception {
        record(event, event.occurredAt().plus(Duration.ofMinutes(1)));
    }

    void record(LedgerEvent event, Instant recordedAt) throws Exception {
        producer.send(record(envelope(event, recordedAt)));
        sent.add(event);
    }

    /** Waits until the read models hold every event sent with an id of that prefix, as history rows. */
    void awaitProjected(String prefix) throws InterruptedException {
        producer.flush();
        long expected = sent.stream().filter(event -> event.aggregateId().startsWith(prefix)).count();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long rows = 0;
        while (Instant.now().isBefore(deadline)) {
            rows = jdbc.sql("""
                            select (select count(*) from query.change_history where change_id like :prefix)
                                + (select count(*) from query.access_history where grant_id like :prefix)
                                + (select count(*) from query.incident where incident_id like :prefix
                                    and report_event_id is not null)
                                + (select count(*) from query.incident where incident_id like :prefix
                                    and resolved_at is not null)
                                + (select count(*) from query.access_review where review_id like :prefix)
                                + (select count(*) from query.access_review_item where review_id like :prefix
                                    and decision is not null)
                                + (select count(*) from query.access_review where review_id like :prefix
                                    and completed_at is not null)
                                + (select count(*) from query.access_review where review_id like :prefix
                                    and overdue)""")
                    .param("prefix", prefix + "%").query(Long.class).single();
            if (rows >= expected) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(rows).as("events of %s in the read models", prefix).isEqualTo(expected);
    }
}
