package io.changeledger.events;

import io.changeledger.events.access.AccessApproved;
import io.changeledger.events.access.AccessCertified;
import io.changeledger.events.access.AccessDecision;
import io.changeledger.events.access.AccessDenied;
import io.changeledger.events.access.AccessExpired;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.access.AccessPolicy;
import io.changeledger.events.access.AccessRequested;
import io.changeledger.events.access.AccessReviewCompleted;
import io.changeledger.events.access.AccessReviewDecided;
import io.changeledger.events.access.AccessReviewOverdue;
import io.changeledger.events.access.AccessReviewStarted;
import io.changeledger.events.access.AccessRevoked;
import io.changeledger.events.access.AccessUsed;
import io.changeledger.events.access.AccessViolationDetected;
import io.changeledger.events.access.BreakGlassReviewCompleted;
import io.changeledger.events.access.BreakGlassReviewOpened;
import io.changeledger.events.access.BreakGlassReviewOverdue;
import io.changeledger.events.access.ReviewedGrant;
import io.changeledger.events.access.StandingAccessGranted;
import io.changeledger.events.access.StandingAccessRemoved;
import io.changeledger.events.audit.AuditorQueryRecorded;
import io.changeledger.events.token.ApiTokenFirstUsed;
import io.changeledger.events.token.ApiTokenIssued;
import io.changeledger.events.token.ApiTokenRevoked;
import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeDetails.DataClassification;
import io.changeledger.events.change.ChangeDetails.RegulatoryArea;
import io.changeledger.events.change.ChangeDetails.Severity;
import io.changeledger.events.change.ChangeFailed;
import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.ChangeRejected;
import io.changeledger.events.change.ChangeRequested;
import io.changeledger.events.change.ChangeRolledBack;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.ControlViolationDetected;
import io.changeledger.events.change.ControlViolationResolved;
import io.changeledger.events.change.EvidenceAttached;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.change.RetrospectiveReviewCompleted;
import io.changeledger.events.change.RetrospectiveReviewOpened;
import io.changeledger.events.change.RetrospectiveReviewOverdue;
import io.changeledger.events.change.ReviewOutcome;
import io.changeledger.events.change.RiskLevel;
import io.changeledger.events.change.TimeWindow;
import io.changeledger.events.freeze.ChangeFreezeDeclared;
import io.changeledger.events.freeze.ChangeFreezeLifted;
import io.changeledger.events.incident.IncidentReported;
import io.changeledger.events.incident.IncidentResolved;
import io.changeledger.events.source.SourceCredentialsRotated;
import io.changeledger.events.source.SourceDisabled;
import io.changeledger.events.source.SourceGapDetected;
import io.changeledger.events.source.SourceKind;
import io.changeledger.events.source.SourceRegistered;
import io.changeledger.events.source.SourceScope;
import io.changeledger.events.source.SourceScopeChanged;
import io.changeledger.events.wire.LedgerEnvelope;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.Set;

/** One example of every event type and every kind of change, each pinned by a golden fixture of the same name. */
public final class SampleEvents {

    public static final String CHANGE_ID = "5b0f3c1e-8f0a-4c39-9d57-0d3c9a6f2b11";
    public static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    public static final String GRANT_ID = "7a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    public static final String INCIDENT_ID = "3c2d1e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    public static final String REVIEW_ID = "e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7";
    public static final String TOKEN_ID = "0b1c2d3e-4f50-4a61-8b72-c3d4e5f6a7b8";
    public static final AccessPolicy ACCESS_POLICY = new AccessPolicy(1, Duration.ofHours(8), Duration.ofHours(2),
            Duration.ofHours(72), Duration.ofDays(90));
    public static final ControlPolicy PRODUCTION_POLICY = new ControlPolicy(true, 1, true, true, Duration.ofHours(72));

    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private SampleEvents() {
    }

    /** One sample of the details of every kind of change. */
    public static Map<ChangeKind, ChangeDetails> details() {
        Map<ChangeKind, ChangeDetails> details = new EnumMap<>(ChangeKind.class);
        put(details, new ChangeDetails.Deployment("1.4.2", "sha256:" + DIGEST));
        put(details, new ChangeDetails.Hotfix("1.4.3", null, "INC-7"));
        put(details, new ChangeDetails.Rollback("1.4.3", "1.4.2", CHANGE_ID));
        put(details, new ChangeDetails.ConfigurationChange("feature-flags/checkout.new-cart", "r41", "r42",
                "enable the new cart for 10% of users"));
        put(details, new ChangeDetails.ScalingChange("deployment/checkout", 3L, 6L, "replicas"));
        put(details, new ChangeDetails.SecurityPatch("1.4.2-p1", List.of("CVE-2026-1234", "GHSA-abcd-efgh-ijkl"),
                Severity.CRITICAL));
        put(details, new ChangeDetails.SchemaMigration("orders", "41", "42", "flyway"));
        put(details, new ChangeDetails.DataCleanup("orders",
                new TreeMap<>(Map.of("order_line", 1200L, "orders", 300L)),
                new TreeSet<>(List.of(DataClassification.PERSONAL, DataClassification.FINANCIAL)),
                "GDPR erasure requests of November"));
        put(details, new ChangeDetails.Backup("orders-db", "bk-2026-11-26", "s3://backups/orders/2026-11-26",
                52_428_800L, DIGEST));
        put(details, new ChangeDetails.Restore("orders-db", "bk-2026-11-26", "c0ffee00-0000-4000-8000-000000000001",
                Instant.parse("2026-11-26T03:00:00Z")));
        put(details, new ChangeDetails.RegulatoryChange("GDPR Art. 5(1)(e)", RegulatoryArea.RETENTION,
                "order data kept 7 years instead of 10", Instant.parse("2027-01-01T00:00:00Z")));
        return details;
    }

    /** Envelopes by fixture name ({@code <type>-<revision>[-<variant>]}). */
    public static Map<String, LedgerEnvelope> envelopes() {
        Map<String, LedgerEnvelope> samples = new LinkedHashMap<>();
        add(samples, "ChangeRequested-1", new ChangeRequested(CHANGE_ID, details().get(ChangeKind.DEPLOYMENT),
                "checkout", "production", "alice", "api", "checkout/production/1.4.2", RiskLevel.HIGH,
                new TimeWindow(Instant.parse("2026-11-27T08:00:00Z"), Instant.parse("2026-11-27T09:00:00Z")),
                false, PRODUCTION_POLICY,
                List.of(new EvidenceLink(EvidenceLink.EvidenceType.PULL_REQUEST,
                        "https://github.com/acme/checkout/pull/42", DIGEST, "cart rewrite")),
                Map.of("jira", "OPS-42", "team", "payments"), AT));
        add(samples, "ChangeRequested-1-minimal", new ChangeRequested(CHANGE_ID,
                details().get(ChangeKind.SCALING_CHANGE), "checkout", "staging", "alice", "api", null, RiskLevel.LOW,
                null, false, new ControlPolicy(false, 0, false, false, Duration.ofHours(72)), null, null, AT));
        add(samples, "ChangeRecorded-1", new ChangeRecorded(CHANGE_ID, details().get(ChangeKind.HOTFIX), "checkout",
                "production", "bob", "github", "checkout/production/1.4.3", ChangeOutcome.COMPLETED, true,
                PRODUCTION_POLICY, List.of(new EvidenceLink(EvidenceLink.EvidenceType.CI_RUN,
                        "https://github.com/acme/checkout/actions/runs/1", null, null)),
                Map.of("incident", "INC-7"), AT));
        add(samples, "ChangeApproved-1", new ChangeApproved(CHANGE_ID, "carol", "reviewed the rollout plan", true, AT));
        add(samples, "ChangeRejected-1", new ChangeRejected(CHANGE_ID, "carol", "no rollback plan", AT));
        add(samples, "ChangeStarted-1", new ChangeStarted(CHANGE_ID, "deploy-bot", "argocd", AT));
        add(samples, "ChangeCompleted-1", new ChangeCompleted(CHANGE_ID, "deploy-bot", "argocd", AT));
        add(samples, "ChangeFailed-1", new ChangeFailed(CHANGE_ID, "deploy-bot", "argocd", "health checks failed", AT));
        add(samples, "ChangeRolledBack-1", new ChangeRolledBack(CHANGE_ID, "dave", "api", "error rate doubled", AT));
        add(samples, "EvidenceAttached-1", new EvidenceAttached(CHANGE_ID,
                new EvidenceLink(EvidenceLink.EvidenceType.TEST_REPORT, "https://ci.acme.io/reports/881", DIGEST,
                        "integration tests"), "ci-bot", AT));
        add(samples, "RetrospectiveReviewOpened-1", new RetrospectiveReviewOpened(CHANGE_ID,
                Instant.parse("2026-11-29T10:00:00Z"), AT));
        add(samples, "RetrospectiveReviewCompleted-1", new RetrospectiveReviewCompleted(CHANGE_ID, "erin",
                ReviewOutcome.ACCEPTED, "hotfix was necessary; follow-up ticket OPS-43", AT));
        add(samples, "RetrospectiveReviewOverdue-1", new RetrospectiveReviewOverdue(CHANGE_ID,
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:00:30Z")));
        add(samples, "ControlViolationDetected-1", new ControlViolationDetected(CHANGE_ID, "CHANGE_FREEZE-1",
                Control.CHANGE_FREEZE, "started during freeze 'year-end' without an exception approval",
                "d4c3b2a1-0000-4000-8000-00000000f2ee", AT));
        add(samples, "ControlViolationResolved-1", new ControlViolationResolved(CHANGE_ID, "CHANGE_FREEZE-1", "frank",
                "accepted by the CAB: security fix", AT));
        add(samples, "ChangeFreezeDeclared-1", new ChangeFreezeDeclared("d4c3b2a1-0000-4000-8000-00000000f2ee",
                new TreeSet<>(List.of("payments", "checkout")), new TreeSet<>(List.of("production")),
                new TimeWindow(Instant.parse("2026-12-20T00:00:00Z"), Instant.parse("2027-01-03T00:00:00Z")),
                "year-end", "grace", AT));
        add(samples, "ChangeFreezeLifted-1", new ChangeFreezeLifted("d4c3b2a1-0000-4000-8000-00000000f2ee", "grace",
                "sales closed early", AT));
        addAccess(samples);
        addSourcesAndIncidents(samples);
        // last, so that the global sequences of the fixtures before stay as they were
        add(samples, "AuditorQueryRecorded-1", new AuditorQueryRecorded("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
                "ivan@audit-firm.example", false, "GET", "/api/v1/audit/samples/changes",
                "environment=production&size=25&seed=fy2026-q4", 200, 25, 38, "10.0.4.17", "changeledger-query-side",
                AT));
        add(samples, "ApiTokenIssued-1", new ApiTokenIssued(TOKEN_ID, "query-side", "ivan@audit-firm.example",
                "AUDITOR", "bootstrap-admin", AT, Instant.parse("2027-02-24T10:00:00Z")));
        add(samples, "ApiTokenFirstUsed-1", new ApiTokenFirstUsed(TOKEN_ID, "query-side",
                Instant.parse("2026-11-26T10:05:00Z")));
        add(samples, "ApiTokenRevoked-1", new ApiTokenRevoked(TOKEN_ID, "query-side", "bootstrap-admin",
                Instant.parse("2026-12-31T17:00:00Z")));
        return samples;
    }

    private static void addAccess(Map<String, LedgerEnvelope> samples) {
        add(samples, "AccessRequested-1", new AccessRequested(GRANT_ID, "alice", "orders-db", "orders", "dba", true,
                false, "run the OPS-42 data fix", Duration.ofHours(4), CHANGE_ID, "INC-7", "alice", "api",
                ACCESS_POLICY, AT));
        add(samples, "AccessRequested-1-minimal", new AccessRequested(GRANT_ID, "alice", "checkout", null, "viewer",
                false, true, "checkout is down", Duration.ofHours(1), null, null, "alice", "pagerduty",
                ACCESS_POLICY, AT));
        add(samples, "AccessApproved-1", new AccessApproved(GRANT_ID, "carol", "matches OPS-42", AT));
        add(samples, "AccessDenied-1", new AccessDenied(GRANT_ID, "carol", "use the read replica", AT));
        add(samples, "AccessGranted-1", new AccessGranted(GRANT_ID, AT, AT.plus(Duration.ofHours(4)), "iam-bot", AT));
        add(samples, "AccessUsed-1", new AccessUsed(GRANT_ID, "teleport-5f2c", AT.plusSeconds(600),
                AT.plusSeconds(1800), "teleport", AT.plusSeconds(1800)));
        add(samples, "AccessRevoked-1", new AccessRevoked(GRANT_ID, "erin", "no longer on the team", REVIEW_ID, AT));
        add(samples, "AccessExpired-1", new AccessExpired(GRANT_ID, AT.plus(Duration.ofHours(4))));
        add(samples, "StandingAccessGranted-1", new StandingAccessGranted(GRANT_ID, "svc-deployer", "checkout",
                "namespace/checkout", "cluster-admin", true, "okta", "grace", "heidi", ACCESS_POLICY, AT));
        add(samples, "StandingAccessRemoved-1", new StandingAccessRemoved(GRANT_ID, "grace", "okta", AT));
        add(samples, "AccessCertified-1", new AccessCertified(GRANT_ID, REVIEW_ID, "erin", "still on call", AT));
        add(samples, "BreakGlassReviewOpened-1", new BreakGlassReviewOpened(GRANT_ID,
                Instant.parse("2026-11-29T10:00:00Z"), AT));
        add(samples, "BreakGlassReviewCompleted-1", new BreakGlassReviewCompleted(GRANT_ID, "erin",
                ReviewOutcome.ACCEPTED, "outage INC-7 justified it", AT));
        add(samples, "BreakGlassReviewOverdue-1", new BreakGlassReviewOverdue(GRANT_ID,
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:00:30Z")));
        add(samples, "AccessViolationDetected-1", new AccessViolationDetected(GRANT_ID, "ACCESS_APPROVAL-1",
                Control.ACCESS_APPROVAL, "standing access was approved by nobody but its principal", null, AT));
        add(samples, "AccessReviewStarted-1", new AccessReviewStarted(REVIEW_ID, "orders-db",
                List.of(new ReviewedGrant(GRANT_ID, "alice", "dba", true),
                        new ReviewedGrant("0b1c2d3e-0000-4000-8000-000000000002", "bob", "viewer", false)),
                "erin", Instant.parse("2026-12-10T00:00:00Z"), "frank", AT));
        add(samples, "AccessReviewDecided-1", new AccessReviewDecided(REVIEW_ID, GRANT_ID, AccessDecision.REVOKED,
                "erin", "no longer on the team", AT));
        add(samples, "AccessReviewCompleted-1", new AccessReviewCompleted(REVIEW_ID, AT));
        add(samples, "AccessReviewOverdue-1", new AccessReviewOverdue(REVIEW_ID, Instant.parse("2026-12-10T00:00:00Z"),
                List.of("0b1c2d3e-0000-4000-8000-000000000002"), Instant.parse("2026-12-10T00:00:30Z")));
    }

    private static void addSourcesAndIncidents(Map<String, LedgerEnvelope> samples) {
        add(samples, "SourceRegistered-1", new SourceRegistered("argo-prod", SourceKind.API,
                new SourceScope(Set.of("deployment.recorded", "change.*"), Set.of("checkout", "payments")), 200,
                "Argo CD of the production cluster", "admin", AT));
        add(samples, "SourceCredentialsRotated-1", new SourceCredentialsRotated("argo-prod", "admin", AT));
        add(samples, "SourceScopeChanged-1", new SourceScopeChanged("argo-prod", SourceScope.ALL, 500, "admin", AT));
        add(samples, "SourceDisabled-1", new SourceDisabled("argo-prod", "admin", "cluster decommissioned", AT));
        add(samples, "SourceGapDetected-1", new SourceGapDetected("argo-prod", 41, 44, AT));
        add(samples, "IncidentReported-1", new IncidentReported(INCIDENT_ID, "PD-Q1W2E3", "checkout", "production",
                "checkout error rate above 5%", "SEV2", "https://acme.pagerduty.com/incidents/Q1W2E3", CHANGE_ID,
                "pagerduty-bot", "pagerduty", AT));
        add(samples, "IncidentResolved-1", new IncidentResolved(INCIDENT_ID, "dave", "pagerduty",
                "rolled back to 1.4.2", AT.plusSeconds(2700)));
    }

    private static void put(Map<ChangeKind, ChangeDetails> details, ChangeDetails sample) {
        details.put(sample.kind(), sample);
    }

    private static void add(Map<String, LedgerEnvelope> samples, String name, LedgerEvent event) {
        UUID eventId = UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        samples.put(name, LedgerEnvelope.wrap(eventId, event.occurredAt().plusMillis(250), samples.size() + 1, event));
    }
}
