package io.changeledger.query.access;

import io.changeledger.events.access.AccessDenied;
import io.changeledger.events.access.AccessExpired;
import io.changeledger.events.access.AccessRevoked;
import io.changeledger.query.PinnedClock;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccessMatrixIntegrationTest extends AccessApiIntegrationTest {

    @Test
    void listsWhoCouldTouchTheSystemAtAnInstantByPrincipalAndRole() throws Exception {
        Scenario s = scenario();
        String matrix = "/api/v1/access/matrix?system=" + s.system + "&at=";

        JsonNode at1245 = ok(matrix + "2025-03-01T12:45:00Z");
        assertThat(texts(at1245.get("items"), "principal")).containsExactly("alice", "carol", "dave");
        assertThat(grantIds(at1245)).containsExactly(s.aliceMorning, s.carolStanding, s.daveBreakGlass);
        assertThat(at1245.get("at").asString()).isEqualTo("2025-03-01T12:45:00Z");
        assertThat(at1245.get("totalItems").asLong()).isEqualTo(3);
        JsonNode alice = at1245.get("items").get(0);
        assertThat(alice.get("system").asString()).isEqualTo(s.system);
        assertThat(alice.get("role").asString()).isEqualTo("viewer");
        assertThat(alice.get("privileged").asBoolean()).isFalse();
        assertThat(alice.get("breakGlass").asBoolean()).isFalse();
        JsonNode morning = alice.get("grants").get(0);
        assertThat(morning.get("kind").asString()).isEqualTo("REQUESTED");
        assertThat(morning.get("grantedBy").asString()).isEqualTo("iam-bot");
        assertThat(morning.get("approvers").toString()).isEqualTo("[\"carol\"]");
        assertThat(morning.get("since").asString()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(morning.get("until").asString()).isEqualTo("2025-03-01T14:00:00Z");
        assertThat(morning.get("status").asString()).as("as of now").isEqualTo("EXPIRED");
        assertThat(morning.has("history")).isFalse();
        JsonNode carol = at1245.get("items").get(1);
        assertThat(carol.get("privileged").asBoolean()).isTrue();
        assertThat(carol.get("until").isNull()).as("open-ended, and said so").isTrue();
        assertThat(carol.get("grants").get(0).get("kind").asString()).isEqualTo("STANDING");
        assertThat(carol.get("grants").get(0).get("until").isNull()).isTrue();
        assertThat(carol.get("grants").get(0).get("status").asString()).isEqualTo("ACTIVE");
        JsonNode dave = at1245.get("items").get(2);
        assertThat(dave.get("breakGlass").asBoolean()).isTrue();
        assertThat(dave.get("grants").get(0).get("kind").asString()).isEqualTo("BREAK_GLASS");
        assertThat(dave.get("grants").get(0).get("grantedBy").asString()).isEqualTo("break-glass");

        JsonNode at1330 = ok(matrix + "2025-03-01T13:30:00Z");
        assertThat(texts(at1330.get("items"), "principal")).as("one entry for both of alice's grants")
                .containsExactly("alice", "carol");
        assertThat(grantIds(at1330)).containsExactly(s.aliceMorning, s.aliceAfternoon, s.carolStanding);
        assertThat(at1330.get("items").get(0).get("since").asString()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(at1330.get("items").get(0).get("until").asString()).isEqualTo("2025-03-01T15:00:00Z");
        assertThat(at1330.get("items").get(0).get("grants").get(1).get("status").asString())
                .as("over now, though its expiry was never recorded").isEqualTo("EXPIRED");
        assertThat(grantIds(ok(matrix + "2025-03-01T13:30:00.123456789Z"))).isEqualTo(grantIds(at1330));

        assertThat(grantIds(ok(matrix + "2025-03-01T14:00:00Z"))).as("a window's end is not in it")
                .containsExactly(s.aliceAfternoon, s.carolStanding);
        assertThat(grantIds(ok(matrix + "2025-03-01T10:00:00Z"))).as("a window's start is")
                .containsExactly(s.aliceMorning, s.carolStanding);
        assertThat(grantIds(ok(matrix + "2025-03-01T12:29:59Z"))).as("bob until he was revoked")
                .containsExactly(s.aliceMorning, s.bobRevoked, s.carolStanding, s.daveBreakGlass);
        assertThat(grantIds(ok(matrix + "2025-03-01T12:30:00Z"))).doesNotContain(s.bobRevoked);
        assertThat(ok(matrix + "2025-03-01T12:00:00Z").get("items").get(1).get("grants").get(0).get("until")
                .asString()).isEqualTo("2025-03-01T12:30:00Z");
        assertThat(grantIds(ok(matrix + "2025-01-31T23:59:59Z"))).isEmpty();
    }

    @Test
    void filtersPagesAndDefaultsToNow() throws Exception {
        Scenario s = scenario();
        String matrix = "/api/v1/access/matrix?system=" + s.system + "&at=2025-03-01T12:45:00Z";

        assertThat(grantIds(ok(matrix + "&breakGlass=true"))).containsExactly(s.daveBreakGlass);
        assertThat(grantIds(ok(matrix + "&breakGlass=false"))).containsExactly(s.aliceMorning, s.carolStanding);
        assertThat(grantIds(ok(matrix + "&privileged=true"))).containsExactly(s.carolStanding, s.daveBreakGlass);
        assertThat(grantIds(ok(matrix + "&principal=alice"))).containsExactly(s.aliceMorning);
        assertThat(grantIds(ok(matrix + "&role=admin"))).containsExactly(s.carolStanding);
        JsonNode second = ok(matrix + "&page=1&size=1");
        assertThat(grantIds(second)).containsExactly(s.carolStanding);
        assertThat(second.get("totalItems").asLong()).isEqualTo(3);
        assertThat(second.get("size").asInt()).isEqualTo(1);
        assertThat(grantIds(ok(matrix + "&page=2&size=2"))).isEmpty();

        JsonNode history = ok(matrix + "&principal=alice&includeHistory=true").get("items").get(0).get("grants")
                .get(0).get("history");
        assertThat(texts(history, "type")).containsExactly("AccessRequested", "AccessApproved", "AccessGranted",
                "AccessExpired");
        assertThat(texts(history, "statusAfter")).containsExactly("REQUESTED", "REQUESTED", "ACTIVE", "EXPIRED");

        JsonNode now = ok("/api/v1/access/matrix?system=" + s.system);
        assertThat(now.get("at").asString()).isEqualTo(PinnedClock.NOW.toString());
        assertThat(grantIds(now)).containsExactly(s.carolStanding);
    }

    @Test
    void keepsEveryGrantListedAfterItEnded() throws Exception {
        Scenario s = scenario();
        String grants = "/api/v1/access/grants?system=" + s.system;

        JsonNode all = ok(grants);
        assertThat(ids(all)).as("newest request first").containsExactly(s.frankPending, s.erinDenied,
                s.aliceAfternoon, s.daveBreakGlass, s.bobRevoked, s.aliceMorning, s.carolStanding);
        assertThat(texts(all.get("items"), "status")).as("as recorded").containsExactly("REQUESTED", "DENIED",
                "ACTIVE", "EXPIRED", "REVOKED", "EXPIRED", "ACTIVE");
        JsonNode revoked = all.get("items").get(4);
        assertThat(revoked.get("effectiveEnd").asString()).isEqualTo("2025-03-01T12:30:00Z");
        assertThat(revoked.get("validUntil").asString()).isEqualTo("2025-03-01T13:00:00Z");
        assertThat(revoked.get("endReason").asString()).isEqualTo("REVOKED");
        assertThat(revoked.get("revocation").get("revokedBy").asString()).isEqualTo("erin");
        assertThat(revoked.get("revocation").get("reason").asString()).isEqualTo("left the team");
        JsonNode afternoon = all.get("items").get(2);
        assertThat(afternoon.has("endReason")).as("its expiry was never recorded").isFalse();
        assertThat(afternoon.get("effectiveEnd").asString()).as("yet it is over").isEqualTo("2025-03-01T15:00:00Z");
        assertThat(all.get("items").get(6).has("effectiveEnd")).isFalse();

        assertThat(ids(ok(grants + "&status=EXPIRED"))).containsExactly(s.daveBreakGlass, s.aliceMorning);
        assertThat(ids(ok(grants + "&standing=true"))).containsExactly(s.carolStanding);
        assertThat(ids(ok(grants + "&standing=false")).size()).isEqualTo(6);
        assertThat(ids(ok(grants + "&breakGlass=true"))).containsExactly(s.daveBreakGlass);
        assertThat(ids(ok(grants + "&principal=alice&role=viewer"))).containsExactly(s.aliceAfternoon,
                s.aliceMorning);
        assertThat(ids(ok(grants + "&page=1&size=5"))).containsExactly(s.aliceMorning, s.carolStanding);
        assertThat(ok(grants + "&page=1&size=5").get("totalItems").asLong()).isEqualTo(7);
        assertThat(ok("/api/v1/access/grants/" + s.erinDenied).get("approvals").get(0).get("decision").asString())
                .isEqualTo("DENIED");
    }

    @Test
    void answersAsTheLedgerKnewItBeforeALateRevocation() throws Exception {
        String system = system("known-at");
        String id = newId();
        Instant from = at("2025-04-01T10:00:00Z");
        send(request(id, "alice", system, "dba", true, false, from.minusSeconds(600)), from.minusSeconds(599));
        send(new io.changeledger.events.access.AccessApproved(id, "carol", null, from.minusSeconds(300)),
                from.minusSeconds(299));
        send(new io.changeledger.events.access.AccessGranted(id, from, at("2025-04-01T18:00:00Z"), "iam-bot",
                from.minusSeconds(60)), from.minusSeconds(59));
        // revoked at noon, but the ledger only learnt of it at four
        send(new AccessRevoked(id, "erin", "laptop stolen", null, at("2025-04-01T12:00:00Z")),
                at("2025-04-01T16:00:00Z"));
        String backfilled = newId();
        send(standingGrant(backfilled, "bob", system, "viewer", false, at("2025-03-01T00:00:00Z")),
                at("2025-04-01T14:00:00Z"));
        awaitGrant(id, 4);
        awaitGrant(backfilled, 1);
        String matrix = "/api/v1/access/matrix?system=" + system + "&at=";

        JsonNode before = ok(matrix + "2025-04-01T13:00:00Z&knownAt=2025-04-01T15:00:00Z");
        assertThat(grantIds(before)).containsExactly(id, backfilled);
        assertThat(before.get("knownAt").asString()).isEqualTo("2025-04-01T15:00:00Z");
        JsonNode known = before.get("items").get(0).get("grants").get(0);
        assertThat(known.get("until").asString()).isEqualTo("2025-04-01T18:00:00Z");
        assertThat(known.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(grantIds(ok(matrix + "2025-04-01T13:00:00Z&knownAt=2025-04-01T16:00:00Z")))
                .as("the revocation is known from when it was recorded").containsExactly(backfilled);
        assertThat(grantIds(ok(matrix + "2025-04-01T13:00:00Z"))).containsExactly(backfilled);
        JsonNode after = ok(matrix + "2025-04-01T11:00:00Z&knownAt=2025-04-01T17:00:00Z&includeHistory=true");
        JsonNode revoked = after.get("items").get(0).get("grants").get(0);
        assertThat(revoked.get("until").asString()).isEqualTo("2025-04-01T12:00:00Z");
        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        assertThat(texts(revoked.get("history"), "type")).containsExactly("AccessRequested", "AccessApproved",
                "AccessGranted", "AccessRevoked");
        JsonNode earlier = ok(matrix + "2025-04-01T11:00:00Z&knownAt=2025-04-01T15:00:00Z&includeHistory=true");
        assertThat(texts(earlier.get("items").get(0).get("grants").get(0).get("history"), "type"))
                .containsExactly("AccessRequested", "AccessApproved", "AccessGranted");

        assertThat(grantIds(ok(matrix + "2025-03-15T00:00:00Z&knownAt=2025-04-01T13:59:59Z")))
                .as("back-filled later").isEmpty();
        assertThat(grantIds(ok(matrix + "2025-03-15T00:00:00Z&knownAt=2025-04-01T14:00:00Z")))
                .containsExactly(backfilled);
        assertThat(grantIds(ok(matrix + "2025-04-01T10:30:00Z&knownAt=2025-04-01T09:59:00Z")))
                .as("not yet granted").isEmpty();
    }

    @Test
    void diffsTheMatrixBetweenTwoInstants() throws Exception {
        String system = system("diff");
        String alice = grant("alice", system, "viewer", at("2025-05-01T10:00:00Z"), at("2025-05-01T11:00:00Z"));
        String bob = grant("bob", system, "dba", at("2025-05-01T12:00:00Z"), at("2025-05-01T13:00:00Z"));
        String carol = standing("carol", system, "admin", true, at("2025-04-01T00:00:00Z"));
        String daveBefore = grant("dave", system, "viewer", at("2025-05-01T10:00:00Z"), at("2025-05-01T11:00:00Z"));
        String daveAfter = grant("dave", system, "viewer", at("2025-05-01T12:00:00Z"), at("2025-05-01T13:00:00Z"));
        String erin = grant("erin", system, "ops", at("2025-05-01T10:00:00Z"), at("2025-05-01T14:00:00Z"));
        String erinBreakGlass = breakGlass("erin", system, "ops", at("2025-05-01T12:00:00Z"), 1);
        for (String id : List.of(alice, bob, daveBefore, daveAfter, erin)) {
            awaitGrant(id, 3);
        }
        awaitGrant(carol, 1);
        awaitGrant(erinBreakGlass, 3);

        JsonNode diff = ok("/api/v1/access/diff?system=" + system
                + "&from=2025-05-01T10:30:00Z&to=2025-05-01T12:30:00Z");

        assertThat(diff.get("from").asString()).isEqualTo("2025-05-01T10:30:00Z");
        assertThat(texts(diff.get("added"), "principal")).containsExactly("bob");
        assertThat(diff.get("added").get(0).get("grants").get(0).get("grantId").asString()).isEqualTo(bob);
        assertThat(texts(diff.get("removed"), "principal")).containsExactly("alice");
        assertThat(diff.get("removed").get(0).get("grants").get(0).get("grantId").asString()).isEqualTo(alice);
        assertThat(texts(diff.get("changed"), "principal")).as("carol's access did not change")
                .containsExactly("dave", "erin");
        JsonNode dave = diff.get("changed").get(0);
        assertThat(dave.get("role").asString()).isEqualTo("viewer");
        assertThat(dave.get("before").get("grants").get(0).get("grantId").asString()).isEqualTo(daveBefore);
        assertThat(dave.get("after").get("grants").get(0).get("grantId").asString()).isEqualTo(daveAfter);
        JsonNode erinChanged = diff.get("changed").get(1);
        assertThat(erinChanged.get("before").get("breakGlass").asBoolean()).isFalse();
        assertThat(erinChanged.get("after").get("breakGlass").asBoolean()).isTrue();
        assertThat(texts(erinChanged.get("after").get("grants"), "grantId")).containsExactly(erin, erinBreakGlass);

        assertThat(texts(ok("/api/v1/access/diff?system=" + system + "&principal=dave"
                + "&from=2025-05-01T10:30:00Z&to=2025-05-01T12:30:00Z").get("changed"), "principal"))
                .containsExactly("dave");
        assertProblem("/api/v1/access/diff?system=" + system + "&from=2025-05-01T12:30:00Z&to=2025-05-01T12:30:00Z",
                HttpStatus.BAD_REQUEST);
    }

    /**
     * On 1 March 2025: alice's viewer access 10–14 and 13–15, bob's dba access 12–13 revoked at 12:30, carol's
     * standing admin access since 1 February, dave's break-glass access 11–13, erin's denied request and frank's
     * request nobody decided. Every window's expiry is recorded but that of alice's afternoon.
     */
    private Scenario scenario() throws Exception {
        Scenario s = new Scenario();
        s.system = system("matrix");
        s.carolStanding = standing("carol", s.system, "admin", true, at("2025-02-01T00:00:00Z"));
        s.aliceMorning = grant("alice", s.system, "viewer", at("2025-03-01T10:00:00Z"), at("2025-03-01T14:00:00Z"));
        send(new AccessExpired(s.aliceMorning, at("2025-03-01T14:00:00Z")));
        s.bobRevoked = grant("bob", s.system, "dba", at("2025-03-01T12:00:00Z"), at("2025-03-01T13:00:00Z"));
        send(new AccessRevoked(s.bobRevoked, "erin", "left the team", null, at("2025-03-01T12:30:00Z")));
        s.daveBreakGlass = breakGlass("dave", s.system, "viewer", at("2025-03-01T11:00:00Z"), 2);
        send(new AccessExpired(s.daveBreakGlass, at("2025-03-01T13:00:00Z")));
        s.aliceAfternoon = grant("alice", s.system, "viewer", at("2025-03-01T13:00:00Z"),
                at("2025-03-01T15:00:00Z"));
        s.erinDenied = newId();
        send(request(s.erinDenied, "erin", s.system, "dba", true, false, at("2025-03-01T13:00:00Z")));
        send(new AccessDenied(s.erinDenied, "carol", "use the replica", at("2025-03-01T13:05:00Z")));
        s.frankPending = newId();
        send(request(s.frankPending, "frank", s.system, "viewer", false, false, at("2025-03-01T13:10:00Z")));
        awaitGrant(s.carolStanding, 1);
        awaitGrant(s.aliceMorning, 4);
        awaitGrant(s.bobRevoked, 4);
        awaitGrant(s.daveBreakGlass, 4);
        awaitGrant(s.aliceAfternoon, 3);
        awaitGrant(s.erinDenied, 2);
        awaitGrant(s.frankPending, 1);
        return s;
    }

    private static final class Scenario {
        String system;
        String aliceMorning;
        String aliceAfternoon;
        String bobRevoked;
        String carolStanding;
        String daveBreakGlass;
        String erinDenied;
        String frankPending;
    }
}
