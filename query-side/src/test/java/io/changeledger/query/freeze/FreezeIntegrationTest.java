package io.changeledger.query.freeze;

import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlViolationDetected;
import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.change.TimeWindow;
import io.changeledger.events.freeze.ChangeFreezeDeclared;
import io.changeledger.events.freeze.ChangeFreezeLifted;
import io.changeledger.jdbc.StalePlans;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;

class FreezeIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void listsEveryChangeMadeDuringALiftedFreezeInItsScopeAndNoOther() throws Exception {
        String service = "checkout-" + newId();
        String freeze = newId();
        List<String> awaited = new ArrayList<>();

        String withException = newId();
        send(requested(withException, service, "production", 1, at("2031-12-18T10:00:00Z")));
        send(new ChangeApproved(withException, "carol", "security fix", true, at("2031-12-19T10:00:00Z")));
        send(new ChangeStarted(withException, "deploy-bot", "argocd", at("2031-12-21T10:00:00Z")));
        send(new ChangeCompleted(withException, "deploy-bot", "argocd", at("2031-12-21T11:00:00Z")));
        String flagged = completed(service, "production", "2031-12-22T10:00:00Z");
        send(new ControlViolationDetected(flagged, "FREEZE-1", Control.CHANGE_FREEZE, "during the year-end freeze",
                freeze, at("2031-12-22T10:00:01Z")));
        String spanningTheStart = newId();
        send(requested(spanningTheStart, service, "production", 0, at("2031-12-19T09:00:00Z")));
        send(new ChangeStarted(spanningTheStart, "deploy-bot", "argocd", at("2031-12-19T23:00:00Z")));
        send(new ChangeCompleted(spanningTheStart, "deploy-bot", "argocd", at("2031-12-20T01:00:00Z")));
        String legacy = newId();
        send(new DeploymentRecorded(legacy, service, "production", "9.9.9", null, "alice", null, "api",
                at("2031-12-23T10:00:00Z")));
        String stillRunning = newId();
        send(requested(stillRunning, service, "production", 0, at("2031-12-26T09:00:00Z")));
        send(new ChangeStarted(stillRunning, "deploy-bot", "argocd", at("2031-12-27T10:00:00Z")));

        String staging = completed(service, "staging", "2031-12-22T10:00:00Z");
        String otherService = completed("search-" + newId(), "production", "2031-12-22T10:00:00Z");
        String afterTheLift = completed(service, "production", "2031-12-29T10:00:00Z");
        String atTheLift = completed(service, "production", "2031-12-28T00:00:00Z");
        String neverRan = newId();
        send(requested(neverRan, service, "production", 1, at("2031-12-21T10:00:00Z")));
        awaited.addAll(List.of(withException, flagged, spanningTheStart, legacy, stillRunning, staging, otherService,
                afterTheLift, atTheLift, neverRan));
        for (String id : awaited) {
            awaitChange(id);
        }
        awaitHistory(withException, 4);
        awaitHistory(flagged, 2);
        // the freeze reaches the read model after the changes it covers: the overlap is found all the same
        send(new ChangeFreezeDeclared(freeze, Set.of(service), Set.of("production"),
                new TimeWindow(at("2031-12-20T00:00:00Z"), at("2032-01-03T00:00:00Z")), "year-end", "grace",
                at("2031-12-01T00:00:00Z")));
        send(new ChangeFreezeLifted(freeze, "grace", "sales closed early", at("2031-12-28T00:00:00Z")));
        await("/api/v1/freezes/" + freeze, answer -> answer.get("lifted").asBoolean());

        JsonNode changes = ok("/api/v1/freezes/" + freeze + "/changes");

        assertThat(ids(changes)).as("in the order they started")
                .containsExactly(spanningTheStart, withException, flagged, legacy, stillRunning);
        assertThat(changes.get("totalItems").asLong()).isEqualTo(5);
        assertThat(changes.get("freeze").get("effectiveEnd").asString()).isEqualTo("2031-12-28T00:00:00Z");
        JsonNode excepted = changes.get("items").get(1);
        assertThat(excepted.get("freezeExceptionApproved").asBoolean()).isTrue();
        assertThat(excepted.get("freezeViolationRecorded").asBoolean()).isFalse();
        assertThat(excepted.get("executionStart").asString()).isEqualTo("2031-12-21T10:00:00Z");
        assertThat(excepted.get("executionEnd").asString()).isEqualTo("2031-12-21T11:00:00Z");
        JsonNode violating = changes.get("items").get(2);
        assertThat(violating.get("freezeExceptionApproved").asBoolean()).isFalse();
        assertThat(violating.get("freezeViolationRecorded").asBoolean()).isTrue();
        assertThat(changes.get("items").get(4).get("status").asString()).isEqualTo("IN_PROGRESS");

        assertThat(ids(ok("/api/v1/freezes/" + freeze + "/changes?page=1&size=2")))
                .containsExactly(flagged, legacy);
        assertThat(freezeIds(ok("/api/v1/freezes?activeAt=2031-12-27T23:59:59Z&size=500"))).contains(freeze);
        assertThat(freezeIds(ok("/api/v1/freezes?activeAt=2031-12-29T00:00:00Z&size=500")))
                .as("lifted on the 28th, though declared until January").doesNotContain(freeze);
        assertThat(freezeIds(ok("/api/v1/freezes?size=500"))).contains(freeze);
    }

    @Test
    void coversEveryServiceAndEnvironmentWhenTheFreezeNamesNone() throws Exception {
        String freeze = newId();
        send(new ChangeFreezeDeclared(freeze, Set.of(), Set.of(),
                new TimeWindow(at("2032-03-01T00:00:00Z"), at("2032-03-02T00:00:00Z")), "data-centre move", "grace",
                at("2032-02-01T00:00:00Z")));
        await("/api/v1/freezes/" + freeze, answer -> true);
        String production = completed("inventory-" + newId(), "production", "2032-03-01T12:00:00Z");
        String staging = completed("search-" + newId(), "staging", "2032-03-01T13:00:00Z");
        String dayAfter = completed("search-" + newId(), "staging", "2032-03-02T00:00:00Z");
        awaitChange(production);
        awaitChange(staging);
        awaitChange(dayAfter);

        JsonNode changes = ok("/api/v1/freezes/" + freeze + "/changes");

        assertThat(ids(changes)).containsExactly(production, staging);
        assertThat(changes.get("freeze").get("lifted").asBoolean()).isFalse();
        assertThat(changes.get("freeze").get("services")).isEmpty();
    }

    /**
     * Among 50,000 changes that ran a minute apart, a freeze of an hour finds the 60 that ran in it by the index of
     * executions, summarised or not, and its statement, as the answer runs it, reads no more than the page ranges
     * that can hold them: the planner on its own priced the BRIN index as a read of the whole table and scanned all
     * of it.
     */
    @Test
    void findsAFreezesChangesAmongManyByTheIndexOfExecutions() throws Exception {
        String service = "many-" + newId();
        String freeze = newId();
        jdbc.sql("""
                insert into production_change (change_id, kind, service, environment, version, actor, source_system,
                    occurred_at, recorded_at, started_at, finished_at, event_id, global_sequence, status, details)
                select 'many-' || n || '-' || :service, 'DEPLOYMENT', :service, 'production', '1.' || n, 'deploy-bot',
                    'argocd', at, at, at, at + interval '30 seconds', gen_random_uuid(), -n, 'COMPLETED', '{}'
                from generate_series(1, 50000) n,
                    lateral (select timestamptz '2033-01-01T00:00:00Z' + n * interval '1 minute' as at) t""")
                .param("service", service).update();
        try {
            send(new ChangeFreezeDeclared(freeze, Set.of(service), Set.of("production"),
                    new TimeWindow(at("2033-01-05T00:00:00Z"), at("2033-01-05T01:00:00Z")), "migration", "grace",
                    at("2032-12-01T00:00:00Z")));
            await("/api/v1/freezes/" + freeze, answer -> true);
            jdbc.sql("analyze production_change").update();

            JsonNode unsummarised = ok("/api/v1/freezes/" + freeze + "/changes?size=100");
            jdbc.sql("select brin_summarize_new_values('production_change_execution')").query().singleValue();
            JsonNode summarised = ok("/api/v1/freezes/" + freeze + "/changes?size=100");

            for (JsonNode changes : List.of(unsummarised, summarised)) {
                assertThat(changes.get("totalItems").asLong()).as("started from 00:00 to 00:59")
                        .isEqualTo(60);
                assertThat(ids(changes)).first().isEqualTo("many-5760-" + service);
                assertThat(ids(changes)).last().isEqualTo("many-5819-" + service);
            }
            List<JsonNode> nodes = new TransactionTemplate(transactions).execute(status -> {
                FreezeQueries.BY_EXECUTION_INDEX.forEach(setting -> jdbc.sql(setting).update());
                return StalePlans.nodes(jdbc.sql("explain (analyze, format json) select count(*) "
                                + FreezeQueries.FREEZE_CHANGES)
                        .param("freezeId", freeze).param("startsAt", at("2033-01-05T00:00:00Z").atOffset(UTC))
                        .param("effectiveEnd", at("2033-01-05T01:00:00Z").atOffset(UTC))
                        .query(String.class).single());
            });
            assertThat(StalePlans.scansAll(nodes, "production_change")).as("%s", nodes).isFalse();
            assertThat(nodes).as("read by the index: %s", nodes).anyMatch(node -> node.has("Index Name")
                    && node.get("Index Name").asString().equals("production_change_execution"));
            assertThat(nodes).as("no node reads a tenth of the changes: %s", nodes)
                    .allMatch(node -> node.get("Actual Rows").asLong() < 5_000);
        } finally {
            // rows of no ledger event: they must not reach the other tests' reports and populations
            jdbc.sql("delete from production_change where service = :service").param("service", service).update();
        }
    }

    private String completed(String service, String environment, String at) throws Exception {
        String id = newId();
        send(recorded(id, new ChangeDetails.Deployment("3.0.0", null), service, environment,
                ChangeOutcome.COMPLETED, false, at(at)));
        return id;
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static List<String> freezeIds(JsonNode page) {
        return texts(page.get("items"), "id");
    }
}
