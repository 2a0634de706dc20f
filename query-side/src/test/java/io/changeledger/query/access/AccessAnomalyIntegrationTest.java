package io.changeledger.query.access;

import io.changeledger.events.access.AccessCertified;
import io.changeledger.events.access.AccessDenied;
import io.changeledger.events.access.AccessRevoked;
import io.changeledger.events.access.AccessUsed;
import io.changeledger.events.access.BreakGlassReviewCompleted;
import io.changeledger.events.access.BreakGlassReviewOverdue;
import io.changeledger.events.access.StandingAccessRemoved;
import io.changeledger.events.change.ReviewOutcome;
import io.changeledger.query.PinnedClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AccessAnomalyIntegrationTest extends AccessApiIntegrationTest {

    @Test
    void findsSessionsOutsideTheirGrantsWindow() throws Exception {
        String system = system("outside");
        String grant = grant("alice", system, "dba", at("2025-05-01T10:00:00Z"), at("2025-05-01T12:00:00Z"));
        send(session(grant, "early", "2025-05-01T09:30:00Z", "2025-05-01T10:15:00Z"));
        send(session(grant, "inside", "2025-05-01T10:30:00Z", "2025-05-01T11:00:00Z"));
        send(session(grant, "at-the-end", "2025-05-01T12:00:00Z", "2025-05-01T12:10:00Z"));
        String revoked = grant("bob", system, "dba", at("2025-05-01T10:00:00Z"), at("2025-05-01T12:00:00Z"));
        send(new AccessRevoked(revoked, "erin", null, null, at("2025-05-01T11:00:00Z")));
        send(session(revoked, "after-revocation", "2025-05-01T11:30:00Z", "2025-05-01T11:40:00Z"));
        String denied = newId();
        send(request(denied, "carol", system, "dba", true, false, at("2025-05-01T09:00:00Z")));
        send(new AccessDenied(denied, "dave", "no", at("2025-05-01T09:10:00Z")));
        send(session(denied, "never-granted", "2025-05-01T09:20:00Z", "2025-05-01T09:25:00Z"));
        awaitGrant(grant, 6);
        awaitGrant(revoked, 5);
        awaitGrant(denied, 3);

        JsonNode anomalies = ok("/api/v1/access/anomalies?type=SESSION_OUTSIDE_GRANT_WINDOW&system=" + system);

        assertThat(texts(anomalies.get("items"), "sessionId"))
                .containsExactly("never-granted", "early", "after-revocation", "at-the-end");
        JsonNode early = anomalies.get("items").get(1);
        assertThat(early.get("type").asString()).isEqualTo("SESSION_OUTSIDE_GRANT_WINDOW");
        assertThat(early.get("grantId").asString()).isEqualTo(grant);
        assertThat(early.get("principal").asString()).isEqualTo("alice");
        assertThat(early.get("system").asString()).isEqualTo(system);
        assertThat(early.get("role").asString()).isEqualTo("dba");
        assertThat(early.get("at").asString()).isEqualTo("2025-05-01T09:30:00Z");
        assertThat(early.get("detail").asString())
                .isEqualTo("session early started at 2025-05-01T09:30:00Z, before the grant began at"
                        + " 2025-05-01T10:00:00Z");
        assertThat(anomalies.get("items").get(2).get("detail").asString()).contains("after the grant ended at"
                + " 2025-05-01T11:00:00Z");
        assertThat(anomalies.get("items").get(0).get("detail").asString()).contains("never granted");
    }

    @Test
    void findsSessionsThatRanPastTheEndOfAGrantThatEnded() throws Exception {
        String system = system("past-expiry");
        String grant = grant("alice", system, "dba", at("2025-05-01T10:00:00Z"), at("2025-05-01T12:00:00Z"));
        send(session(grant, "overran", "2025-05-01T11:30:00Z", null));
        // reported again when it ended: one session, now with its end
        send(session(grant, "overran", "2025-05-01T11:30:00Z", "2025-05-01T12:30:00Z"));
        send(session(grant, "never-ended", "2025-05-01T11:45:00Z", null));
        send(session(grant, "in-time", "2025-05-01T10:00:00Z", "2025-05-01T12:00:00Z"));
        String current = grant("bob", system, "dba", at("2026-11-30T20:00:00Z"), at("2026-12-01T04:00:00Z"));
        send(session(current, "still-open", "2026-11-30T21:00:00Z", null));
        awaitGrant(grant, 7);
        awaitGrant(current, 4);

        JsonNode anomalies = ok("/api/v1/access/anomalies?type=SESSION_PAST_EXPIRY&system=" + system);

        assertThat(texts(anomalies.get("items"), "sessionId")).as("bob's grant has not ended yet")
                .containsExactly("overran", "never-ended");
        assertThat(anomalies.get("items").get(0).get("detail").asString())
                .isEqualTo("session overran ran until 2025-05-01T12:30:00Z, past the grant's end at"
                        + " 2025-05-01T12:00:00Z");
        assertThat(anomalies.get("items").get(1).get("detail").asString())
                .isEqualTo("session never-ended started at 2025-05-01T11:45:00Z and had not ended when the grant"
                        + " ended at 2025-05-01T12:00:00Z");
        assertThat(ok("/api/v1/access/grants/" + grant).get("sessions")).hasSize(3);
    }

    @Test
    void findsStandingPrivilegedAccessNotCertifiedForTooLong() throws Exception {
        assertThat(PinnedClock.NOW).isEqualTo("2026-12-01T00:00:00Z");
        String system = system("standing");
        String neverCertified = standing("alice", system, "admin", true, at("2026-01-01T00:00:00Z"));
        String certifiedLately = standing("bob", system, "admin", true, at("2026-01-01T00:00:00Z"));
        send(new AccessCertified(certifiedLately, "review-1", "erin", null, at("2026-11-01T00:00:00Z")));
        String certifiedInJune = standing("carol", system, "admin", true, at("2026-01-01T00:00:00Z"));
        send(new AccessCertified(certifiedInJune, "review-0", "erin", null, at("2026-06-01T00:00:00Z")));
        String unprivileged = standing("dave", system, "viewer", false, at("2025-01-01T00:00:00Z"));
        String removed = standing("erin", system, "admin", true, at("2025-01-01T00:00:00Z"));
        send(new StandingAccessRemoved(removed, "grace", "okta", at("2026-10-01T00:00:00Z")));
        String recent = standing("frank", system, "admin", true, at("2026-10-01T00:00:00Z"));
        for (String id : new String[] {neverCertified, unprivileged, recent}) {
            awaitGrant(id, 1);
        }
        awaitGrant(certifiedLately, 2);
        awaitGrant(certifiedInJune, 2);
        awaitGrant(removed, 2);

        JsonNode anomalies = ok("/api/v1/access/anomalies?type=STANDING_PRIVILEGED_UNREVIEWED&system=" + system);

        assertThat(texts(anomalies.get("items"), "grantId")).as("oldest review first")
                .containsExactly(neverCertified, certifiedInJune);
        assertThat(anomalies.get("items").get(0).has("sessionId")).isFalse();
        assertThat(anomalies.get("items").get(0).get("detail").asString())
                .isEqualTo("standing privileged access granted at 2026-01-01T00:00:00Z was never certified,"
                        + " more than 90 days ago");
        assertThat(anomalies.get("items").get(1).get("at").asString()).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(texts(ok("/api/v1/access/anomalies?type=STANDING_PRIVILEGED_UNREVIEWED&days=200&system="
                + system).get("items"), "grantId")).containsExactly(neverCertified);
        assertThat(ok("/api/v1/access/grants/" + certifiedInJune).get("lastCertification").get("reviewId")
                .asString()).isEqualTo("review-0");
    }

    @Test
    void findsBreakGlassAccessWhoseReviewIsOpenOrOverdue() throws Exception {
        String system = system("break-glass");
        String overdue = breakGlass("alice", system, "dba", at("2025-05-01T10:00:00Z"), 1);
        send(new BreakGlassReviewOverdue(overdue, at("2025-05-04T10:00:00Z"), at("2025-05-04T10:00:30Z")));
        String open = breakGlass("bob", system, "dba", at("2026-11-30T10:00:00Z"), 1);
        String reviewed = breakGlass("carol", system, "dba", at("2025-05-01T10:00:00Z"), 2);
        send(new BreakGlassReviewCompleted(reviewed, "erin", ReviewOutcome.ACCEPTED, "outage",
                at("2025-05-02T10:00:00Z")));
        String requested = grant("dave", system, "dba", at("2025-05-01T10:00:00Z"), at("2025-05-01T11:00:00Z"));
        awaitGrant(overdue, 4);
        awaitGrant(open, 3);
        awaitGrant(reviewed, 4);
        awaitGrant(requested, 3);

        JsonNode anomalies = ok("/api/v1/access/anomalies?type=BREAK_GLASS_UNREVIEWED&system=" + system);

        assertThat(texts(anomalies.get("items"), "grantId")).containsExactly(overdue, open);
        assertThat(anomalies.get("items").get(0).get("detail").asString())
                .isEqualTo("the review of break-glass access was due at 2025-05-04T10:00:00Z and is overdue");
        assertThat(anomalies.get("items").get(1).get("detail").asString())
                .isEqualTo("the review of break-glass access is open, due at 2026-12-03T10:00:00Z");
        JsonNode review = ok("/api/v1/access/grants/" + reviewed).get("breakGlassReview");
        assertThat(review.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(review.get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(review.get("reviewer").asString()).isEqualTo("erin");
        assertThat(ok("/api/v1/access/grants/" + overdue).get("breakGlassReview").get("overdue").asBoolean())
                .isTrue();
    }

    @Test
    void listsEveryTypeOfAnomalyOfASystemByType() throws Exception {
        String system = system("all-anomalies");
        String grant = grant("alice", system, "dba", at("2025-05-01T10:00:00Z"), at("2025-05-01T12:00:00Z"));
        send(session(grant, "early", "2025-05-01T09:00:00Z", "2025-05-01T09:10:00Z"));
        send(session(grant, "late", "2025-05-01T11:00:00Z", "2025-05-01T13:00:00Z"));
        String standing = standing("bob", system, "admin", true, at("2025-01-01T00:00:00Z"));
        String breakGlass = breakGlass("carol", system, "dba", at("2025-05-01T10:00:00Z"), 1);
        awaitGrant(grant, 5);
        awaitGrant(standing, 1);
        awaitGrant(breakGlass, 3);

        JsonNode anomalies = ok("/api/v1/access/anomalies?system=" + system);

        assertThat(texts(anomalies.get("items"), "type")).containsExactly("SESSION_OUTSIDE_GRANT_WINDOW",
                "SESSION_PAST_EXPIRY", "STANDING_PRIVILEGED_UNREVIEWED", "BREAK_GLASS_UNREVIEWED");
        assertThat(anomalies.get("totalItems").asLong()).isEqualTo(4);
        assertThat(texts(ok("/api/v1/access/anomalies?size=2&page=1&system=" + system).get("items"), "grantId"))
                .containsExactly(standing, breakGlass);
    }

    private static AccessUsed session(String grantId, String sessionId, String startedAt, String endedAt) {
        Instant ended = endedAt == null ? null : at(endedAt);
        return new AccessUsed(grantId, sessionId, at(startedAt), ended, "teleport",
                ended == null ? at(startedAt) : ended);
    }
}
