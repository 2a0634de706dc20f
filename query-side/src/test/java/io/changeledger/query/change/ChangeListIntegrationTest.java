package io.changeledger.query.change;

import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRejected;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlViolationDetected;
import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.jdbc.StalePlans;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeListIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    /**
     * The list's own statement, as {@code Paging} makes it, explained: a page of a busy service must not cost a read
     * and a sort of all its changes.
     */
    @Test
    void readsOnlyThePageOfABusyServicesChangesNewestFirst() throws Exception {
        String service = "busy-" + newId();
        String other = "other-" + newId();
        // another service changed since, as busy: the page is neither the newest changes nor all of the service's
        changes(service, "2001-11-01T00:00:00Z");
        changes(other, "2002-11-01T00:00:00Z");
        try {
            jdbc.sql("analyze production_change").update();

            JsonNode first = ok("/api/v1/changes?service=" + service + "&size=2");
            assertThat(ids(first)).containsExactly("busy-3000-" + service, "busy-2999-" + service);
            assertThat(first.get("totalItems").asLong()).isEqualTo(3000);

            List<JsonNode> nodes = StalePlans.nodes(jdbc.sql("""
                    explain (analyze, format json) select * from production_change c where c.service = :service
                    order by c.occurred_at desc, c.global_sequence desc limit 2 offset 0""")
                    .param("service", service).query(String.class).single());
            assertThat(nodes).as("no sort: the index has the list's order; %s", nodes)
                    .noneMatch(node -> node.get("Node Type").asString().contains("Sort"));
            assertThat(nodes).as("no node reads more changes than the page: %s", nodes)
                    .allMatch(node -> node.get("Actual Rows").asLong() <= 2)
                    .allMatch(node -> !node.has("Rows Removed by Filter")
                            || node.get("Rows Removed by Filter").asLong() == 0);
        } finally {
            // rows of no ledger event: they must not reach the other tests' reports and populations
            jdbc.sql("delete from production_change where service in (:services)")
                    .param("services", List.of(service, other)).update();
        }
    }

    /** 3,000 changes of the service straight into the read model, a minute apart from {@code from}. */
    private void changes(String service, String from) {
        jdbc.sql("""
                insert into production_change (change_id, kind, service, environment, version, actor, source_system,
                    occurred_at, recorded_at, event_id, global_sequence, status, details)
                select 'busy-' || n || '-' || :service, 'DEPLOYMENT', :service,
                    case when n % 3 = 0 then 'staging' else 'production' end, '1.' || n, 'deploy-bot', 'argocd',
                    cast(:from as timestamptz) + n * interval '1 minute',
                    cast(:from as timestamptz) + n * interval '1 minute', gen_random_uuid(), -n, 'COMPLETED', '{}'
                from generate_series(1, 3000) n""").param("service", service).param("from", from).update();
    }

    @Test
    void listsTheProductionChangesOfAServiceLastMonthWithTheirApprovalsAndViolations() throws Exception {
        String service = "payments-" + newId();
        String approved = newId();
        send(requested(approved, service, "production", 1, Instant.parse("2026-11-05T09:00:00Z")));
        send(new ChangeApproved(approved, "carol", "plan reviewed", false, Instant.parse("2026-11-05T10:00:00Z")));
        send(new ChangeStarted(approved, "deploy-bot", "argocd", Instant.parse("2026-11-06T08:00:00Z")));
        send(new ChangeCompleted(approved, "deploy-bot", "argocd", Instant.parse("2026-11-06T08:10:00Z")));
        String unapproved = newId();
        send(recorded(unapproved, new ChangeDetails.Deployment("2.1.0", null), service, "production",
                ChangeOutcome.COMPLETED, false, Instant.parse("2026-11-20T15:00:00Z")));
        send(new ControlViolationDetected(unapproved, "APPROVAL-1", Control.APPROVAL_BEFORE_DEPLOYMENT,
                "deployed without the required approval", null, Instant.parse("2026-11-20T15:00:01Z")));
        String legacy = newId();
        send(new DeploymentRecorded(legacy, service, "production", "2.1.1", null, "alice", "OPS-7", "api",
                Instant.parse("2026-11-25T10:00:00Z")));
        String october = newId();
        send(requested(october, service, "production", 1, Instant.parse("2026-10-31T23:59:59Z")));
        String staging = newId();
        send(requested(staging, service, "staging", 0, Instant.parse("2026-11-10T10:00:00Z")));
        awaitHistory(approved, 4);
        awaitHistory(unapproved, 2);
        awaitChange(legacy);
        awaitChange(october);
        awaitChange(staging);

        JsonNode page = ok("/api/v1/changes?service=" + service + "&environment=production"
                + "&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");

        assertThat(ids(page)).containsExactly(legacy, unapproved, approved);
        assertThat(page.get("totalItems").asLong()).isEqualTo(3);
        JsonNode legacyItem = page.get("items").get(0);
        assertThat(legacyItem.get("approvals")).isEmpty();
        assertThat(legacyItem.get("violations")).isEmpty();
        JsonNode unapprovedItem = page.get("items").get(1);
        assertThat(unapprovedItem.get("approvals")).isEmpty();
        assertThat(unapprovedItem.get("violations").get(0).get("control").asString())
                .isEqualTo("APPROVAL_BEFORE_DEPLOYMENT");
        assertThat(unapprovedItem.get("violations").get(0).get("resolved").asBoolean()).isFalse();
        JsonNode approvedItem = page.get("items").get(2);
        assertThat(approvedItem.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(approvedItem.get("approvals").get(0).get("approver").asString()).isEqualTo("carol");
        assertThat(approvedItem.get("approvals").get(0).get("occurredAt").asString())
                .isEqualTo("2026-11-05T10:00:00Z");
        assertThat(approvedItem.get("approvals").get(0).get("freezeException").asBoolean()).isFalse();
        assertThat(approvedItem.get("violations")).isEmpty();
        assertThat(approvedItem.has("history")).as("lists leave the history to the change's own page").isFalse();
    }

    @Test
    void filtersChangesByKindStatusActorViolatedControlAndEmergency() throws Exception {
        String service = "filters-" + newId();
        String deployment = newId();
        send(requested(deployment, service, "production", 1, Instant.parse("2026-11-01T10:00:00Z")));
        send(new ChangeApproved(deployment, "carol", null, false, Instant.parse("2026-11-01T11:00:00Z")));
        String hotfix = newId();
        send(recorded(hotfix, new ChangeDetails.Hotfix("2.0.1", null, "INC-9"), service, "production",
                ChangeOutcome.COMPLETED, true, Instant.parse("2026-11-02T10:00:00Z")));
        send(new ControlViolationDetected(hotfix, "FREEZE-1", Control.CHANGE_FREEZE, "during a freeze", null,
                Instant.parse("2026-11-02T10:00:01Z")));
        String rejected = newId();
        send(requested(rejected, service, "production", 1, Instant.parse("2026-11-03T10:00:00Z")));
        send(new ChangeRejected(rejected, "erin", "no rollback plan", Instant.parse("2026-11-03T11:00:00Z")));
        send(new ControlViolationDetected(rejected, "SOD-1", Control.SEGREGATION_OF_DUTIES, "self-approved", null,
                Instant.parse("2026-11-03T11:00:01Z")));
        awaitHistory(deployment, 2);
        awaitHistory(hotfix, 2);
        awaitHistory(rejected, 3);

        String all = "/api/v1/changes?service=" + service;
        assertThat(ids(ok(all))).containsExactly(rejected, hotfix, deployment);
        assertThat(ids(ok(all + "&kind=HOTFIX"))).containsExactly(hotfix);
        assertThat(ids(ok(all + "&status=APPROVED"))).containsExactly(deployment);
        assertThat(ids(ok(all + "&status=REJECTED"))).containsExactly(rejected);
        assertThat(ids(ok(all + "&actor=carol"))).as("an approver").containsExactly(deployment);
        assertThat(ids(ok(all + "&actor=bob"))).as("a reporter").containsExactly(hotfix);
        assertThat(ids(ok(all + "&actor=alice"))).as("a requester").containsExactly(rejected, deployment);
        assertThat(ids(ok(all + "&control=CHANGE_FREEZE"))).containsExactly(hotfix);
        assertThat(ids(ok(all + "&control=any"))).containsExactly(rejected, hotfix);
        assertThat(ids(ok(all + "&control=EMERGENCY_REVIEW"))).isEmpty();
        assertThat(ids(ok(all + "&emergency=true"))).containsExactly(hotfix);
        assertThat(ids(ok(all + "&emergency=false"))).containsExactly(rejected, deployment);
        assertThat(ok(all + "&emergency=false&size=1").get("totalItems").asLong()).isEqualTo(2);
    }
}
