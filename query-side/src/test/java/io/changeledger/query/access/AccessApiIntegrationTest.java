package io.changeledger.query.access;

import io.changeledger.events.SampleEvents;
import io.changeledger.events.access.AccessApproved;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.access.AccessPolicy;
import io.changeledger.events.access.AccessRequested;
import io.changeledger.events.access.BreakGlassReviewOpened;
import io.changeledger.events.access.StandingAccessGranted;
import io.changeledger.query.LedgerApiIntegrationTest;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Grants sent as the command side records them, and the access API's answers about them. */
abstract class AccessApiIntegrationTest extends LedgerApiIntegrationTest {

    static final AccessPolicy POLICY = SampleEvents.ACCESS_POLICY;

    /** A system nobody else's test touches. */
    static String system(String name) {
        return name + "-" + newId();
    }

    static AccessRequested request(String grantId, String principal, String system, String role, boolean privileged,
                                   boolean breakGlass, Instant at) {
        return new AccessRequested(grantId, principal, system, null, role, privileged, breakGlass, "on-call work",
                Duration.ofHours(8), null, null, principal, "api", POLICY, at);
    }

    static StandingAccessGranted standingGrant(String grantId, String principal, String system, String role,
                                               boolean privileged, Instant at) {
        return new StandingAccessGranted(grantId, principal, system, "namespace/" + system, role, privileged, "okta",
                "grace", "heidi", POLICY, at);
    }

    /** A request by the principal, approved by carol, granted by iam-bot for [from, until). */
    String grant(String principal, String system, String role, Instant from, Instant until) throws Exception {
        String id = newId();
        Instant asked = from.minus(Duration.ofHours(1));
        send(request(id, principal, system, role, false, false, asked));
        send(new AccessApproved(id, "carol", "ok", asked.plusSeconds(60)));
        send(new AccessGranted(id, from, until, "iam-bot", asked.plusSeconds(120)));
        return id;
    }

    /** Break-glass access of that many hours from {@code at}, reviewable for three days. */
    String breakGlass(String principal, String system, String role, Instant at, int hours) throws Exception {
        String id = newId();
        send(request(id, principal, system, role, true, true, at));
        send(new AccessGranted(id, at, at.plus(Duration.ofHours(hours)), "break-glass", at));
        send(new BreakGlassReviewOpened(id, at.plus(Duration.ofDays(3)), at));
        return id;
    }

    String standing(String principal, String system, String role, boolean privileged, Instant at) throws Exception {
        String id = newId();
        send(standingGrant(id, principal, system, role, privileged, at));
        return id;
    }

    /** The grant once the read model has taken that many of its events. */
    JsonNode awaitGrant(String id, int events) throws InterruptedException {
        return await("/api/v1/access/grants/" + id, grant -> grant.get("history").size() >= events);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** The grant ids of a matrix page, entry by entry. */
    static List<String> grantIds(JsonNode matrix) {
        List<String> ids = new ArrayList<>();
        matrix.get("items").forEach(entry -> entry.get("grants").forEach(grant -> ids.add(grant.get("grantId")
                .asString())));
        return ids;
    }
}
