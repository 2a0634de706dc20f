package io.changeledger.query.projection;

import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReadModelRebuildIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ReadModelRebuild rebuild;

    @Test
    void rebuildsTheReadModelsFromTheFirstOffsetsToTheSameAnswers() throws Exception {
        String service = "rebuild-" + newId();
        String planned = newId();
        String failed = newId();
        String hotfix = newId();
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        send(requested(planned, service, "production", 1, at));
        send(recorded(failed, new ChangeDetails.Deployment("1.0.0", null), service, "production",
                ChangeOutcome.FAILED, false, at.plusSeconds(60)));
        send(recorded(hotfix, new ChangeDetails.Deployment("1.0.1", null), service, "production",
                ChangeOutcome.COMPLETED, true, at.plusSeconds(120)));
        for (String id : List.of(planned, failed, hotfix)) {
            awaitChange(id);
        }
        List<String> paths = List.of("/api/v1/changes?service=" + service, "/api/v1/changes/" + planned,
                "/api/v1/changes/" + failed, "/api/v1/changes/" + hotfix);
        List<JsonNode> before = new ArrayList<>();
        for (String path : paths) {
            before.add(ok(path));
        }

        java.sql.Timestamp processedBefore = lastProcessed(service);

        var started = post("/api/v1/admin/rebuild");
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post("/api/v1/admin/rebuild").getStatusCode()).as("a second request while it runs")
                .isIn(HttpStatus.CONFLICT, HttpStatus.ACCEPTED);
        JsonNode done = await("/api/v1/admin/rebuild", progress -> progress.get("state").asString().equals("DONE"));

        assertThat(done.get("percent").asDouble()).isEqualTo(100);
        assertThat(done.get("recordsRead").asLong()).isEqualTo(done.get("recordsToRead").asLong()).isPositive();
        Set<String> tables = new HashSet<>();
        done.get("tables").forEach(table -> tables.add(table.asString()));
        assertThat(tables).contains("production_change", "change_history", "processed_event")
                .doesNotContain("ledger_entry", "ledger_checkpoint");
        // replayed, not left alone: the events were marked processed again, later than the first time
        assertThat(lastProcessed(service)).isAfter(processedBefore);
        for (int i = 0; i < paths.size(); i++) {
            assertThat(ok(paths.get(i))).as(paths.get(i)).isEqualTo(before.get(i));
        }
    }

    private java.sql.Timestamp lastProcessed(String service) {
        return jdbc.sql("""
                        select min(p.processed_at) from processed_event p join production_change c
                        on c.event_id = p.event_id where c.service = ?""")
                .param(service).query(java.sql.Timestamp.class).single();
    }

    @Test
    void keepsEveryTableThatIsNotAProjectionAndEmptiesTheRest() {
        List<String> all = jdbc.sql("""
                        select table_name from information_schema.tables
                        where table_schema = current_schema() and table_type = 'BASE TABLE'""")
                .query(String.class).list();

        assertThat(rebuild.projectionTables()).doesNotContainAnyElementsOf(ReadModelRebuild.KEPT)
                .contains("processed_event", "production_change", "access_grant", "incident", "ingestion_source");
        // a new table must be classified: emptied and rebuilt by its projection, or kept
        assertThat(all).containsAll(ReadModelRebuild.KEPT)
                .hasSize(rebuild.projectionTables().size() + ReadModelRebuild.KEPT.size());
    }
}
