package io.changeledger.query.report;

import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRolledBack;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.EvidenceAttached;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.incident.IncidentReported;
import io.changeledger.events.incident.IncidentResolved;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * DORA metrics over a known October 2026 of one production service. The weekly numbers are counted by hand in the
 * comments; the medians and 90th percentiles are computed again in the test from the durations listed, by linear
 * interpolation between closest ranks (PostgreSQL's percentile_cont).
 *
 * <pre>
 * W41 (10-05 to 10-12)
 *   d1 completed 10-06 10:00, merged 10-05 10:00 as recorded before MERGE existed (lead 86,400 s from the merge)
 *   d2 completed 10-07 10:00, merged 10-07 08:00, commits 10-06 20:00 and 10-07 06:00 (lead 50,400 s from the
 *      first commit); caused i1 and i2
 *   d3 failed 10-08 10:00
 *   i1 10-07 11:00 to 11:30 (1,800 s), i2 10-07 12:00 to 15:00 (10,800 s)
 * W42 (10-12 to 10-19)
 *   no deployment finished; i3, naming no change, 10-13 10:00 to 12:00 (7,200 s)
 * W43 (10-19 to 10-26)
 *   d4 started Sunday 10-18 23:00, completed Monday 10-19 01:00, merged 10-18 01:00 (lead 86,400 s from the
 *      merge); rolled back by the rollback change r1 on 10-20
 *   d5 completed 10-20 10:00, itself rolled back on 10-27 (after the period); a commit dated 10-21 09:00, after
 *      the deployment, gives it no lead time
 *   d6 completed 10-21 10:00; caused i4, reported 10-21 12:00, never resolved
 *   d7 completed 10-22 10:00; caused i5, 10-22 11:00 to 13:00 (7,200 s), both recorded only on 10-30
 *   d8 completed 10-23 10:00, a commit 10-23 04:00 and no merge (lead 21,600 s from the commit)
 * W44 (outside the weekly period)
 *   d9 completed 10-26 10:00
 * </pre>
 */
class DoraReportIntegrationTest extends ReportIntegrationTest {

    private static final String WEEKS = "from=2026-10-05T00:00:00Z&to=2026-10-26T00:00:00Z&granularity=week";
    private static final Instant LATE = at("2026-10-30T09:00:00Z");

    private String prefix;
    private String service;

    @BeforeEach
    void october() throws Exception {
        prefix = "dora-" + newId().substring(0, 8) + "-";
        service = "payments-" + prefix;
        deployment("d1", ChangeOutcome.COMPLETED, "2026-10-06T10:00:00Z");
        mergedBeforeMergeEvidenceExisted("d1", "2026-10-05T10:00:00Z");
        deployment("d2", ChangeOutcome.COMPLETED, "2026-10-07T10:00:00Z");
        merged("d2", "2026-10-07T08:00:00Z");
        committed("d2", "2026-10-07T06:00:00Z");
        committed("d2", "2026-10-06T20:00:00Z");
        incident("i1", "d2", "2026-10-07T11:00:00Z", "2026-10-07T11:30:00Z");
        incident("i2", "d2", "2026-10-07T12:00:00Z", "2026-10-07T15:00:00Z");
        deployment("d3", ChangeOutcome.FAILED, "2026-10-08T10:00:00Z");

        incident("i3", null, "2026-10-13T10:00:00Z", "2026-10-13T12:00:00Z");

        Instant asked = at("2026-10-18T20:00:00Z");
        record(requested(id("d4"), service, "production", 1, asked));
        record(new ChangeApproved(id("d4"), "carol", "ok", false, asked.plusSeconds(600)));
        merged("d4", "2026-10-18T01:00:00Z");
        record(new ChangeStarted(id("d4"), "deploy-bot", "argocd", at("2026-10-18T23:00:00Z")));
        record(new ChangeCompleted(id("d4"), "deploy-bot", "argocd", at("2026-10-19T01:00:00Z")));
        record(recorded(id("r1"), new ChangeDetails.Rollback("2.0.0", "1.9.0", id("d4")), service, "production",
                ChangeOutcome.COMPLETED, false, at("2026-10-20T08:00:00Z")));
        deployment("d5", ChangeOutcome.COMPLETED, "2026-10-20T10:00:00Z");
        committed("d5", "2026-10-21T09:00:00Z");
        record(new ChangeRolledBack(id("d5"), "deploy-bot", "argocd", "error rate", at("2026-10-27T10:00:00Z")));
        deployment("d6", ChangeOutcome.COMPLETED, "2026-10-21T10:00:00Z");
        incident("i4", "d6", "2026-10-21T12:00:00Z", null);
        deployment("d7", ChangeOutcome.COMPLETED, "2026-10-22T10:00:00Z");
        record(reported("i5", "d7", at("2026-10-22T11:00:00Z")), LATE);
        record(new IncidentResolved(id("i5"), "dave", "pagerduty", "restarted", at("2026-10-22T13:00:00Z")), LATE);
        deployment("d8", ChangeOutcome.COMPLETED, "2026-10-23T10:00:00Z");
        committed("d8", "2026-10-23T04:00:00Z");

        deployment("d9", ChangeOutcome.COMPLETED, "2026-10-26T10:00:00Z");
        awaitProjected(prefix);
    }

    @Test
    void countsEachWeekOfAKnownMonthIncludingAnEmptyOne() {
        JsonNode series = single(ok("/api/v1/reports/dora?" + WEEKS + "&service=" + service));

        assertThat(series.get("environment").asString()).isEqualTo("production");
        JsonNode buckets = series.get("buckets");
        assertThat(texts(buckets, "bucket")).containsExactly("2026-W41", "2026-W42", "2026-W43");

        JsonNode w41 = buckets.get(0);
        // d1, d2, d3 finished; d2 caused two incidents and d3 failed: two failed deployments, not three
        assertDeployments(w41, 3, 2);
        // d1 from its merge, d2 from its first commit though it was merged later
        assertLeadTime(w41, 2, 0, 1, List.of(86_400.0, 50_400.0));
        assertRestore(w41, 2, 2, 0, 0, List.of(1_800.0, 10_800.0));

        JsonNode w42 = buckets.get(1);
        assertDeployments(w42, 0, 0);
        assertThat(w42.has("changeFailureRate")).as("no rate without deployments").isFalse();
        assertThat(w42.get("leadTime").get("measured").asLong()).isZero();
        assertThat(w42.get("leadTime").has("absentReason")).as("nothing to measure").isFalse();
        // i3 names no change: it counts for time to restore and in no failure rate
        assertRestore(w42, 1, 1, 0, 1, List.of(7_200.0));

        JsonNode w43 = buckets.get(2);
        // d4 completed on Monday though it started on Sunday; d4 (rollback change), d5 (rolled back), d6 and d7
        // (incidents) failed; d8 did not
        assertDeployments(w43, 5, 4);
        // completed: d4, d5, d6, d7, d8; d4 from its merge, d8 from its commit; d5's commit came after it
        assertLeadTime(w43, 2, 3, 1, List.of(86_400.0, 21_600.0));
        // i4 is open: counted, not timed
        assertRestore(w43, 2, 1, 1, 0, List.of(7_200.0));
    }

    @Test
    void answersAsKnownBeforeAnIncidentWasRecorded() {
        JsonNode w43 = single(ok("/api/v1/reports/dora?" + WEEKS + "&service=" + service
                + "&asOf=2026-10-25T00:00:00Z")).get("buckets").get(2);

        // d5's rollback happened on 10-27 and i5 was recorded on 10-30: as far as the ledger knew, only d4 (rolled
        // back by r1) and d6 (i4) had failed, and i5 did not exist
        assertDeployments(w43, 5, 2);
        assertRestore(w43, 1, 0, 1, 0, List.of());
    }

    @Test
    void countsAMonthAsAWhole() {
        JsonNode buckets = single(ok("/api/v1/reports/dora?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z"
                + "&granularity=month&service=" + service)).get("buckets");

        assertThat(buckets).hasSize(1);
        JsonNode october = buckets.get(0);
        assertThat(october.get("bucket").asString()).isEqualTo("2026-10");
        // d1-d9; failed d2, d3, d4, d5, d6, d7
        assertDeployments(october, 9, 6);
        // completed: all but d3; timed: d1 and d4 from merges, d2 and d8 from commits
        assertLeadTime(october, 4, 4, 2, List.of(86_400.0, 50_400.0, 86_400.0, 21_600.0));
        assertRestore(october, 5, 4, 1, 1, List.of(1_800.0, 10_800.0, 7_200.0, 7_200.0));
    }

    @Test
    void clipsTheBucketsAtTheEdgesOfThePeriod() {
        JsonNode buckets = single(ok("/api/v1/reports/dora?from=2026-10-07T00:00:00Z&to=2026-10-13T00:00:00Z"
                + "&service=" + service)).get("buckets");

        assertThat(texts(buckets, "start")).containsExactly("2026-10-07T00:00:00Z", "2026-10-12T00:00:00Z");
        assertThat(texts(buckets, "end")).containsExactly("2026-10-12T00:00:00Z", "2026-10-13T00:00:00Z");
        // d1 finished on 10-06, before the period
        assertDeployments(buckets.get(0), 2, 2);
    }

    @Test
    void givesAServiceAndEnvironmentNamedInBothScopesItsEmptyBuckets() {
        JsonNode series = ok("/api/v1/reports/dora?" + WEEKS + "&service=" + service
                + "&environment=production&environment=staging").get("series");

        assertThat(texts(series, "environment")).containsExactly("production", "staging");
        series.get(1).get("buckets").forEach(bucket -> {
            assertDeployments(bucket, 0, 0);
            assertThat(bucket.get("timeToRestore").get("incidents").asLong()).isZero();
        });
    }

    @Test
    void saysWhyThereIsNoLeadTimeWhenNoEvidenceGivesAMerge() {
        JsonNode lead = single(ok("/api/v1/reports/dora?from=2026-10-08T00:00:00Z&to=2026-10-09T00:00:00Z"
                + "&service=" + service + "&granularity=month")).get("buckets").get(0).get("leadTime");
        JsonNode next = single(ok("/api/v1/reports/dora?from=2026-10-26T00:00:00Z&to=2026-10-27T00:00:00Z"
                + "&service=" + service)).get("buckets").get(0).get("leadTime");

        assertThat(lead.has("absentReason")).as("d3 failed: nothing completed to measure").isFalse();
        assertThat(next.get("unmeasured").asLong()).as("d9").isEqualTo(1);
        assertThat(next.has("medianSeconds")).isFalse();
        assertThat(next.get("absentReason").asString()).contains("merge");
    }

    private static JsonNode single(JsonNode report) {
        assertThat(report.get("series")).hasSize(1);
        return report.get("series").get(0);
    }

    private static void assertDeployments(JsonNode bucket, long deployments, long failed) {
        String name = bucket.get("bucket").asString();
        assertThat(bucket.get("deployments").asLong()).as(name + " deployments").isEqualTo(deployments);
        assertThat(bucket.get("failedDeployments").asLong()).as(name + " failed").isEqualTo(failed);
        if (deployments > 0) {
            assertThat(bucket.get("changeFailureRate").asDouble()).as(name + " change failure rate")
                    .isCloseTo((double) failed / deployments, within(1e-9));
        }
    }

    private static void assertLeadTime(JsonNode bucket, long measured, long unmeasured, long fromCommit,
                                       List<Double> seconds) {
        JsonNode lead = bucket.get("leadTime");
        assertThat(lead.get("measured").asLong()).isEqualTo(measured);
        assertThat(lead.get("unmeasured").asLong()).isEqualTo(unmeasured);
        assertThat(lead.get("fromCommit").asLong()).isEqualTo(fromCommit);
        assertThat(lead.get("fromMerge").asLong()).isEqualTo(measured - fromCommit);
        assertThat(lead.get("medianSeconds").asDouble()).isCloseTo(percentile(seconds, 0.5), within(1e-6));
        assertThat(lead.get("p90Seconds").asDouble()).isCloseTo(percentile(seconds, 0.9), within(1e-6));
    }

    private static void assertRestore(JsonNode bucket, long incidents, long resolved, long open, long withoutChange,
                                      List<Double> seconds) {
        JsonNode restore = bucket.get("timeToRestore");
        String name = bucket.get("bucket").asString();
        assertThat(restore.get("incidents").asLong()).as(name + " incidents").isEqualTo(incidents);
        assertThat(restore.get("resolved").asLong()).as(name + " resolved").isEqualTo(resolved);
        assertThat(restore.get("open").asLong()).as(name + " open").isEqualTo(open);
        assertThat(restore.get("withoutChange").asLong()).as(name + " without change").isEqualTo(withoutChange);
        if (seconds.isEmpty()) {
            assertThat(restore.has("medianSeconds")).isFalse();
        } else {
            assertThat(restore.get("medianSeconds").asDouble()).isCloseTo(percentile(seconds, 0.5), within(1e-6));
            assertThat(restore.get("p90Seconds").asDouble()).isCloseTo(percentile(seconds, 0.9), within(1e-6));
        }
    }

    /** Linear interpolation between the closest ranks, over the values sorted. */
    private static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        double rank = fraction * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }

    private String id(String name) {
        return prefix + name;
    }

    private void deployment(String name, ChangeOutcome outcome, String finishedAt) throws Exception {
        record(recorded(id(name), new ChangeDetails.Deployment("2.0." + name.substring(1), null), service,
                "production", outcome, false, at(finishedAt)));
    }

    /** What CDEvents' change.merged becomes: a MERGE link at the time of the merge, recorded a day later. */
    private void merged(String name, String mergedAt) throws Exception {
        record(new EvidenceAttached(id(name), new EvidenceLink(EvidenceLink.EvidenceType.MERGE,
                "https://git.example/" + name, null, "merged pr-" + name + " in payments"), "/tekton",
                at(mergedAt)), at(mergedAt).plus(Duration.ofDays(1)));
    }

    /** What change.merged became before MERGE existed: a pull request link described as merged. */
    private void mergedBeforeMergeEvidenceExisted(String name, String mergedAt) throws Exception {
        record(new EvidenceAttached(id(name), new EvidenceLink(EvidenceLink.EvidenceType.PULL_REQUEST,
                "https://git.example/" + name, null, "merged pr-" + name + " in payments"), "/tekton",
                at(mergedAt)), at(mergedAt).plus(Duration.ofDays(1)));
    }

    private void committed(String name, String committedAt) throws Exception {
        record(new EvidenceAttached(id(name), new EvidenceLink(EvidenceLink.EvidenceType.COMMIT,
                "https://git.example/commit/" + name + committedAt, null, null), "/github",
                at(committedAt)), at(committedAt).plus(Duration.ofDays(1)));
    }

    private IncidentReported reported(String name, String change, Instant at) {
        return new IncidentReported(id(name), "PD-" + name, service, "production", "errors", "SEV2", null,
                change == null ? null : id(change), "pagerduty-bot", "pagerduty", at);
    }

    private void incident(String name, String change, String reportedAt, String resolvedAt) throws Exception {
        record(reported(name, change, at(reportedAt)));
        if (resolvedAt != null) {
            record(new IncidentResolved(id(name), "dave", "pagerduty", "fixed", at(resolvedAt)));
        }
    }
}
