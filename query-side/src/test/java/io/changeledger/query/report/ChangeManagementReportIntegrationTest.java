package io.changeledger.query.report;

import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.ControlViolationDetected;
import io.changeledger.events.change.ControlViolationResolved;
import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.change.EvidenceAttached;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.change.RetrospectiveReviewCompleted;
import io.changeledger.events.change.RetrospectiveReviewOpened;
import io.changeledger.events.change.RetrospectiveReviewOverdue;
import io.changeledger.events.change.ReviewOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The change-management report over a known October 2026 of one service. Every expected number below is counted by
 * hand from the history, change by change, in the comments; "now" is the pinned clock's 2026-12-01.
 *
 * <pre>
 * c1  planned, approved by carol, deployed by deploy-bot, evidence          passes everything
 * c2  planned, deployed without approval (violation); evidence attached late, recorded 10-30
 * c3  planned, approved by carol and deployed by carol (segregation violation, resolved 11-02)
 * c4  emergency, reviewed in time                                           passes
 * c5  emergency, review overdue (violation recorded 10-13)
 * c6  emergency, review due 10-31, never completed
 * c7  planned, approved, deployed in a freeze without exception (violation)
 * c8  planned, approved, never started                                      not in the population
 * c9  staging change                                                        not a production change
 * c10 production change of November                                        outside the period
 * c11 reported after the fact without approval (violation), back-filled: occurred 10-20, recorded 10-30
 * c12 first-generation deployment record without a policy, no evidence
 * </pre>
 */
class ChangeManagementReportIntegrationTest extends ReportIntegrationTest {

    private static final String PERIOD = "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z";
    private static final Instant KNOWN_AT = at("2026-10-29T00:00:00Z");

    private String prefix;
    private String service;

    @BeforeEach
    void october() throws Exception {
        prefix = "cm-" + newId().substring(0, 8) + "-";
        service = "checkout-" + prefix;
        planned("c1", "2026-10-02T09:00:00Z", "carol", "deploy-bot");
        evidence("c1", "2026-10-02T11:30:00Z");
        completed("c1", "2026-10-02T12:00:00Z");

        planned("c2", "2026-10-03T09:00:00Z", null, "deploy-bot");
        violation("c2", Control.APPROVAL_BEFORE_DEPLOYMENT, "started with 0 of 1 required approvals",
                "2026-10-03T11:00:00Z");
        completed("c2", "2026-10-03T12:00:00Z");
        record(new EvidenceAttached(id("c2"), link("c2"), "alice", at("2026-10-03T13:00:00Z")),
                at("2026-10-30T12:00:00Z"));

        planned("c3", "2026-10-04T09:00:00Z", "carol", "carol");
        violation("c3", Control.SEGREGATION_OF_DUTIES, "carol approved the change and also deployed it",
                "2026-10-04T11:00:00Z");
        evidence("c3", "2026-10-04T11:05:00Z");
        completed("c3", "2026-10-04T12:00:00Z");
        record(new ControlViolationResolved(id("c3"), "SEGREGATION_OF_DUTIES-1", "erin", "reviewed the diff again",
                at("2026-11-02T09:00:00Z")));

        emergency("c4", "2026-10-05T09:00:00Z");
        record(new RetrospectiveReviewCompleted(id("c4"), "erin", ReviewOutcome.ACCEPTED, "justified",
                at("2026-10-06T09:00:00Z")));

        emergency("c5", "2026-10-10T09:00:00Z");
        record(new RetrospectiveReviewOverdue(id("c5"), at("2026-10-13T09:00:00Z"), at("2026-10-13T09:00:30Z")));
        violation("c5", Control.EMERGENCY_REVIEW, "retrospective review not completed by 2026-10-13T09:00:00Z",
                "2026-10-13T09:00:30Z");

        emergency("c6", "2026-10-28T09:00:00Z");

        planned("c7", "2026-10-12T09:00:00Z", "carol", "deploy-bot");
        record(new ControlViolationDetected(id("c7"), "CHANGE_FREEZE-1", Control.CHANGE_FREEZE,
                "made during freeze 'quarter end' without an exception approval", "freeze-q3",
                at("2026-10-12T11:00:00Z")));
        evidence("c7", "2026-10-12T11:10:00Z");
        completed("c7", "2026-10-12T12:00:00Z");

        record(requested(id("c8"), service, "production", 1, at("2026-10-14T09:00:00Z")));
        record(new ChangeApproved(id("c8"), "carol", "ok", false, at("2026-10-14T10:00:00Z")));

        record(new ChangeRecorded(id("c9"), new ChangeDetails.Deployment("2.0.0", null), service, "staging", "bob",
                "github", null, ChangeOutcome.COMPLETED, false,
                new ControlPolicy(false, 0, false, false, Duration.ofHours(72)), List.of(), Map.of(),
                at("2026-10-15T09:00:00Z")));

        record(recorded(id("c10"), new ChangeDetails.Deployment("2.1.0", null), service, "production",
                ChangeOutcome.COMPLETED, false, at("2026-11-05T09:00:00Z")));

        Instant backFilled = at("2026-10-30T10:00:00Z");
        record(recorded(id("c11"), new ChangeDetails.Deployment("2.2.0", null), service, "production",
                ChangeOutcome.COMPLETED, false, at("2026-10-20T09:00:00Z")), backFilled);
        record(new ControlViolationDetected(id("c11"), "APPROVAL_BEFORE_DEPLOYMENT-1",
                Control.APPROVAL_BEFORE_DEPLOYMENT, "started with 0 of 1 required approvals", null,
                at("2026-10-20T09:00:00Z")), backFilled);
        record(new EvidenceAttached(id("c11"), link("c11"), "bob", at("2026-10-20T09:00:00Z")), backFilled);

        record(new DeploymentRecorded(id("c12"), service, "production", "1.9.0", null, "bob", null, "api",
                at("2026-10-21T09:00:00Z")));
        awaitProjected(prefix);
    }

    @Test
    void countsThePopulationAndEveryCheckOfAKnownMonth() {
        JsonNode report = ok("/api/v1/reports/change-management?" + PERIOD + "&service=" + service);

        JsonNode summary = report.get("summary");
        // implemented production changes of October: c1-c7, c11, c12; c8 never started; c9 staging; c10 November
        assertThat(summary.get("population").asLong()).isEqualTo(9);
        assertThat(summary.get("notImplemented").asLong()).isEqualTo(1);
        assertThat(summary.get("withoutPolicy").asLong()).as("c12").isEqualTo(1);
        assertThat(summary.get("emergencyChanges").asLong()).as("c4, c5, c6").isEqualTo(3);

        // non-emergency with a policy: c1, c2, c3, c7, c11; c2 and c11 violated it
        assertCheck(report, "approvedBeforeDeployment", 5, 3, 2, 0, ids("c2", "c11"));
        // every change with a policy asks for it: c1-c7, c11; carol approved and deployed c3
        assertCheck(report, "segregationOfDuties", 8, 7, 1, 0, ids("c3"));
        // all nine; c2's evidence came late but is known now; c12 has none
        assertCheck(report, "evidencePresent", 9, 8, 1, 0, ids("c12"));
        // c4 reviewed; c5 overdue by violation; c6 was due 10-31 and is still open on 12-01
        assertCheck(report, "emergencyChangeReviewed", 3, 1, 2, 0, ids("c5", "c6"));
        assertCheck(report, "noUnapprovedFreezeChange", 8, 7, 1, 0, ids("c7"));
        // no policy of this history asks for staging first
        assertCheck(report, "stagingBeforeProduction", 0, 0, 0, 0, List.of());
        assertThat(summary.get("rates").get("approvedBeforeDeployment").asDouble()).isCloseTo(3 / 5.0, within(1e-9));
        assertThat(summary.get("rates").has("stagingBeforeProduction")).as("no rate where nothing applies").isFalse();

        JsonNode sod = exceptions(report, "segregationOfDuties").get(0);
        assertThat(sod.get("failure").asString()).isEqualTo("carol approved the change and also deployed it");
        assertThat(sod.get("violationIds")).extracting(JsonNode::asString).containsExactly("SEGREGATION_OF_DUTIES-1");
        assertThat(sod.get("resolved").asBoolean()).isTrue();
        assertThat(sod.get("resolutions").get(0).get("resolvedBy").asString()).isEqualTo("erin");
        JsonNode freeze = exceptions(report, "noUnapprovedFreezeChange").get(0);
        assertThat(freeze.get("service").asString()).isEqualTo(service);
        assertThat(freeze.get("environment").asString()).isEqualTo("production");
        assertThat(freeze.get("failure").asString()).contains("quarter end");
        assertThat(exceptions(report, "emergencyChangeReviewed").get(1).get("failure").asString())
                .isEqualTo("the retrospective review was due at 2026-10-31T09:00:00Z and is not completed");
        assertThat(exceptions(report, "evidencePresent").get(0).get("failure").asString())
                .isEqualTo("no evidence is linked to the change");
    }

    @Test
    void answersAsTheLedgerKnewItBeforeLateEventsWereRecorded() {
        JsonNode report = ok("/api/v1/reports/change-management?" + PERIOD + "&service=" + service + "&asOf="
                + KNOWN_AT);

        assertThat(report.get("asOf").asString()).isEqualTo(KNOWN_AT.toString());
        // c11 was recorded on 10-30: the population is c1-c7 and c12
        assertThat(report.get("summary").get("population").asLong()).isEqualTo(8);
        assertCheck(report, "approvedBeforeDeployment", 4, 3, 1, 0, ids("c2"));
        // c3's resolution was recorded on 11-02: not yet resolved
        assertCheck(report, "segregationOfDuties", 7, 6, 1, 0, ids("c3"));
        assertThat(exceptions(report, "segregationOfDuties").get(0).get("resolved").asBoolean()).isFalse();
        // c2's evidence was recorded on 10-30
        assertCheck(report, "evidencePresent", 8, 6, 2, 0, ids("c2", "c12"));
        // c6's review, due 10-31, was still open and not due
        assertCheck(report, "emergencyChangeReviewed", 3, 1, 1, 1, ids("c5"));
        assertCheck(report, "noUnapprovedFreezeChange", 7, 6, 1, 0, ids("c7"));
    }

    @Test
    void givesTheSameAnswerWhenAskedAgainAsOfTheSameMoment() {
        String path = "/api/v1/reports/change-management?" + PERIOD + "&service=" + service + "&asOf=" + KNOWN_AT;

        JsonNode first = ok(path);
        JsonNode second = ok(path);

        ((ObjectNode) first).remove("generatedAt");
        ((ObjectNode) second).remove("generatedAt");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void listsNoMoreExceptionsThanAskedButCountsThemAll() {
        JsonNode report = ok("/api/v1/reports/change-management?" + PERIOD + "&service=" + service
                + "&exceptionLimit=1");

        JsonNode approval = check(report, "approvedBeforeDeployment");
        assertThat(approval.get("failed").asLong()).isEqualTo(2);
        assertThat(texts(approval.get("exceptions"), "changeId")).containsExactly(id("c2"));
        assertThat(approval.get("exceptionsTruncated").asBoolean()).isTrue();
        assertThat(check(report, "segregationOfDuties").get("exceptionsTruncated").asBoolean()).isFalse();
    }

    @Test
    void scopesToTheEnvironmentsAsked() {
        JsonNode staging = ok("/api/v1/reports/change-management?" + PERIOD + "&service=" + service
                + "&environment=staging");
        JsonNode both = ok("/api/v1/reports/change-management?" + PERIOD + "&service=" + service
                + "&service=someone-else&environment=production&environment=staging");

        assertThat(staging.get("summary").get("population").asLong()).as("c9's policy is not production's")
                .isZero();
        assertThat(both.get("summary").get("population").asLong()).isEqualTo(9);
        assertThat(both.get("services")).extracting(JsonNode::asString).containsExactly(service, "someone-else");
    }

    @Test
    void statesTheMappingVersionItUsedAndAnOldOneWhenAsked() {
        JsonNode current = ok("/api/v1/reports/change-management?" + PERIOD + "&service=" + service).get("mapping");
        JsonNode old = ok("/api/v1/reports/change-management?" + PERIOD + "&service=" + service
                + "&mappingVersion=2025.1").get("mapping");

        assertThat(current.get("version").asString()).isEqualTo("2026.1");
        assertThat(current.get("controls").get("approvedBeforeDeployment")).extracting(JsonNode::asString)
                .containsExactly("SOC2 CC8.1", "ISO27001:2022 A.8.32", "SOX ITGC CM-02 change authorisation");
        assertThat(old.get("version").asString()).isEqualTo("2025.1");
        assertThat(old.get("controls").get("approvedBeforeDeployment")).extracting(JsonNode::asString)
                .contains("ISO27001:2013 A.12.1.2").doesNotContain("ISO27001:2022 A.8.32");
        assertThat(old.get("controls").properties()).hasSize(6);
    }

    private void assertCheck(JsonNode report, String name, long applicable, long passed, long failed, long pending,
                             List<String> exceptionIds) {
        JsonNode check = check(report, name);
        assertThat(check.get("applicable").asLong()).as(name + " applicable").isEqualTo(applicable);
        assertThat(check.get("passed").asLong()).as(name + " passed").isEqualTo(passed);
        assertThat(check.get("failed").asLong()).as(name + " failed").isEqualTo(failed);
        assertThat(check.get("pending").asLong()).as(name + " pending").isEqualTo(pending);
        assertThat(texts(check.get("exceptions"), "changeId")).as(name + " exceptions")
                .containsExactlyElementsOf(exceptionIds);
        if (passed + failed > 0) {
            assertThat(check.get("rate").asDouble()).as(name + " rate")
                    .isCloseTo((double) passed / (passed + failed), within(1e-9));
        }
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("check").asString().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    private static JsonNode exceptions(JsonNode report, String name) {
        return check(report, name).get("exceptions");
    }

    private String id(String name) {
        return prefix + name;
    }

    private List<String> ids(String... names) {
        return Arrays.stream(names).map(this::id).toList();
    }

    private static EvidenceLink link(String name) {
        return new EvidenceLink(EvidenceLink.EvidenceType.PULL_REQUEST, "https://git.example/pr/" + name, null, null);
    }

    /** Requested by alice at that time, approved an hour later (unless no approver), started two hours later. */
    private void planned(String name, String requestedAt, String approver, String deployer) throws Exception {
        Instant asked = at(requestedAt);
        record(requested(id(name), service, "production", 1, asked));
        if (approver != null) {
            record(new ChangeApproved(id(name), approver, "plan reviewed", false, asked.plus(Duration.ofHours(1))));
        }
        record(new ChangeStarted(id(name), deployer, "argocd", asked.plus(Duration.ofHours(2))));
    }

    private void completed(String name, String at) throws Exception {
        record(new ChangeCompleted(id(name), "deploy-bot", "argocd", at(at)));
    }

    private void evidence(String name, String at) throws Exception {
        record(new EvidenceAttached(id(name), link(name), "ci-bot", at(at)));
    }

    private void violation(String name, Control control, String detail, String at) throws Exception {
        record(new ControlViolationDetected(id(name), control.name() + "-1", control, detail, null, at(at)));
    }

    /** A hotfix reported completed by bob, its review opened and due three days later, with evidence. */
    private void emergency(String name, String at) throws Exception {
        Instant when = at(at);
        record(recorded(id(name), new ChangeDetails.Hotfix("2.0.1", null, "INC-1"), service, "production",
                ChangeOutcome.COMPLETED, true, when));
        record(new RetrospectiveReviewOpened(id(name), when.plus(Duration.ofDays(3)), when));
        evidence(name, when.plus(Duration.ofMinutes(10)).toString());
    }
}
