package io.changeledger.query.access;

import io.changeledger.events.access.AccessApproved;
import io.changeledger.events.access.AccessDenied;
import io.changeledger.events.access.AccessEvent;
import io.changeledger.events.access.AccessExpired;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.access.AccessRevoked;
import io.changeledger.events.access.BreakGlassReviewCompleted;
import io.changeledger.events.access.BreakGlassReviewOpened;
import io.changeledger.events.access.StandingAccessGranted;
import io.changeledger.events.access.StandingAccessRemoved;
import io.changeledger.events.change.ReviewOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix of a generated history of a few hundred grants over four months, checked at many instants against a
 * replay of the same events written here in plain Java: requested windows, break-glass access, standing access
 * removed or revoked, revocations before and inside the window, some reported late, and expiries.
 */
class AccessKnownHistoryIntegrationTest extends AccessApiIntegrationTest {

    private static final long SEED = 20_261_126L;
    private static final Instant START = at("2025-06-01T00:00:00Z");
    private static final int HOURS = 120 * 24;
    private static final List<String> PRINCIPALS = List.of("alice", "bob", "carol", "dave", "erin", "frank");
    private static final List<String> ROLES = List.of("viewer", "operator", "dba");

    @Autowired
    private JdbcClient jdbc;

    @Test
    void answersTheMatrixOfAGeneratedHistoryAtEveryInstantAsAReplayOfItsEventsDoes() throws Exception {
        String run = newId().substring(0, 8);
        List<String> systems = List.of(system("history-a"), system("history-b"), system("history-c"));
        List<Grant> grants = generate(new Random(SEED), "kh-" + run + "-", systems, 400);
        List<Recorded> ledger = new ArrayList<>();
        grants.forEach(grant -> ledger.addAll(grant.events));
        // the ledger records in recordedAt order, which each grant's own events already follow
        ledger.sort(Comparator.comparing(Recorded::recordedAt));
        for (Recorded recorded : ledger) {
            producer.send(record(envelope(recorded.event(), recorded.recordedAt())));
        }
        producer.flush();
        awaitHistoryRows("kh-" + run + "-%", ledger.size());

        Random pick = new Random(SEED + 1);
        List<Instant> moments = moments(pick, grants);
        assertThat(moments).hasSizeGreaterThanOrEqualTo(100);
        int nonEmpty = 0;
        for (Instant moment : moments) {
            for (String system : systems) {
                Set<String> expected = replay(grants, system, moment, null);
                assertThat(matrix(system, moment, null)).as("%s at %s", system, moment).isEqualTo(expected);
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).as("instants at which someone held access").isGreaterThan(moments.size());

        List<Grant> revokedLate = grants.stream().filter(grant -> grant.lateEnd != null).toList();
        int lateRevocationsSeen = 0;
        for (int i = 0; i < 40; i++) {
            Grant grant = revokedLate.get(pick.nextInt(revokedLate.size()));
            Instant moment = grant.validFrom;
            Instant knownAt = pick.nextBoolean() ? grant.lateEnd.minusSeconds(1) : grant.lateEnd;
            Set<String> expected = replay(grants, grant.system, moment, knownAt);
            assertThat(matrix(grant.system, moment, knownAt)).as("%s at %s known at %s", grant.system, moment,
                    knownAt).isEqualTo(expected);
            lateRevocationsSeen += expected.contains(key(grant)) ? 1 : 0;
        }
        assertThat(lateRevocationsSeen).as("grants still in force as known before their late revocation")
                .isPositive();
    }

    private Set<String> matrix(String system, Instant at, Instant knownAt) {
        JsonNode answer = ok("/api/v1/access/matrix?size=500&system=" + system + "&at=" + at
                + (knownAt == null ? "" : "&knownAt=" + knownAt));
        Set<String> found = new TreeSet<>();
        answer.get("items").forEach(entry -> entry.get("grants").forEach(grant -> found.add(
                entry.get("principal").asString() + "|" + entry.get("system").asString() + "|"
                        + entry.get("role").asString() + "|" + grant.get("grantId").asString())));
        assertThat(answer.get("totalItems").asLong()).isEqualTo(answer.get("items").size());
        return found;
    }

    /**
     * What a plain replay of the events says: a grant holds from its start (the window's, or the standing grant's
     * occurrence) to the earliest of the window's end and any revocation or removal, empty if that is before the
     * start. As known at an instant, only the events recorded by then count.
     */
    private static Set<String> replay(List<Grant> grants, String system, Instant at, Instant knownAt) {
        Set<String> inForce = new TreeSet<>();
        for (Grant grant : grants) {
            if (!grant.system.equals(system)) {
                continue;
            }
            Instant from = null;
            Instant stop = Instant.MAX;
            for (Recorded recorded : grant.events) {
                if (knownAt != null && recorded.recordedAt().isAfter(knownAt)) {
                    break;
                }
                AccessEvent event = recorded.event();
                if (event instanceof AccessGranted granted) {
                    from = granted.validFrom();
                    stop = min(stop, granted.validUntil());
                } else if (event instanceof StandingAccessGranted standing) {
                    from = standing.occurredAt();
                } else if (event instanceof AccessRevoked || event instanceof StandingAccessRemoved) {
                    stop = min(stop, event.occurredAt());
                }
            }
            if (from != null && !at.isBefore(from) && at.isBefore(stop)) {
                inForce.add(key(grant));
            }
        }
        return inForce;
    }

    /** Starts and ends of windows, revocations and removals (the boundaries), a second before some, and others. */
    private static List<Instant> moments(Random pick, List<Grant> grants) {
        List<Instant> boundaries = new ArrayList<>();
        for (Grant grant : grants) {
            for (Recorded recorded : grant.events) {
                AccessEvent event = recorded.event();
                if (event instanceof AccessGranted granted) {
                    boundaries.add(granted.validFrom());
                    boundaries.add(granted.validUntil());
                } else if (event instanceof StandingAccessGranted || event instanceof AccessRevoked
                        || event instanceof StandingAccessRemoved) {
                    boundaries.add(event.occurredAt());
                }
            }
        }
        List<Instant> moments = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            moments.add(boundaries.get(pick.nextInt(boundaries.size())));
        }
        for (int i = 0; i < 20; i++) {
            moments.add(boundaries.get(pick.nextInt(boundaries.size())).minusSeconds(1));
        }
        for (int i = 0; i < 30; i++) {
            moments.add(START.plus(Duration.ofMinutes(pick.nextInt(HOURS * 60))));
        }
        moments.add(START.minusSeconds(1));
        moments.add(START.plus(Duration.ofHours(HOURS + 24 * 90)));
        return moments;
    }

    private static List<Grant> generate(Random random, String prefix, List<String> systems, int count) {
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Grant grant = new Grant(prefix + i, systems.get(random.nextInt(systems.size())),
                    PRINCIPALS.get(random.nextInt(PRINCIPALS.size())), ROLES.get(random.nextInt(ROLES.size())));
            boolean privileged = random.nextInt(3) == 0;
            int kind = random.nextInt(100);
            if (kind < 60) {
                requested(random, grant, privileged);
            } else if (kind < 75) {
                breakGlass(random, grant, privileged);
            } else {
                standing(random, grant, privileged);
            }
            grants.add(grant);
        }
        return grants;
    }

    /** Whole hours, so that one grant's start is often another's end. */
    private static void requested(Random random, Grant grant, boolean privileged) {
        Instant asked = START.plus(Duration.ofHours(random.nextInt(HOURS)));
        grant.add(request(grant.id, grant.principal, grant.system, grant.role, privileged, false, asked), asked);
        if (random.nextInt(10) == 0) {
            grant.add(new AccessDenied(grant.id, "carol", "not needed", asked.plusSeconds(300)), null);
            return;
        }
        grant.add(new AccessApproved(grant.id, "carol", null, asked.plusSeconds(600)), null);
        Instant from = asked.plus(Duration.ofHours(1 + random.nextInt(48)));
        int hours = 1 + random.nextInt(8);
        Instant until = from.plus(Duration.ofHours(hours));
        grant.add(new AccessGranted(grant.id, from, until, "iam-bot", asked.plusSeconds(1200)), null);
        grant.validFrom = from;
        int ending = random.nextInt(10);
        if (ending < 2) {
            // revoked before the window began: it never held
            long minutes = Duration.between(asked.plusSeconds(1800), from).toMinutes();
            grant.add(revoke(grant, asked.plusSeconds(1800).plus(Duration.ofMinutes(random.nextLong(minutes)))),
                    null);
        } else if (ending < 4) {
            // an hour boundary inside the window, its start included: revoked as it began leaves nothing
            grant.add(revoke(grant, from.plus(Duration.ofHours(random.nextInt(hours)))), null);
        } else if (ending == 4) {
            // reported days after the expiry, which the ledger had already recorded
            Instant revoked = from.plus(Duration.ofMinutes(random.nextInt(hours * 60)));
            grant.add(new AccessExpired(grant.id, until), until.plusSeconds(1));
            grant.lateEnd = until.plus(Duration.ofHours(1 + random.nextInt(72)));
            grant.add(revoke(grant, revoked), grant.lateEnd);
        } else if (ending == 5) {
            // reported late, before the window's end
            Instant revoked = from.plus(Duration.ofMinutes(random.nextInt(hours * 60 - 30)));
            grant.lateEnd = revoked.plus(Duration.ofMinutes(1 + random.nextInt(
                    (int) Duration.between(revoked, until).toMinutes() - 1)));
            grant.add(revoke(grant, revoked), grant.lateEnd);
        } else {
            grant.add(new AccessExpired(grant.id, until), until.plus(Duration.ofMinutes(random.nextInt(120))));
        }
    }

    private static void breakGlass(Random random, Grant grant, boolean privileged) {
        Instant at = START.plus(Duration.ofMinutes(random.nextInt(HOURS * 60)));
        Instant until = at.plus(Duration.ofHours(1 + random.nextInt(2)));
        grant.add(request(grant.id, grant.principal, grant.system, grant.role, privileged, true, at), at);
        grant.add(new AccessGranted(grant.id, at, until, "break-glass", at), null);
        grant.add(new BreakGlassReviewOpened(grant.id, at.plus(Duration.ofHours(72)), at), null);
        grant.validFrom = at;
        if (random.nextInt(5) == 0) {
            grant.add(revoke(grant, at.plus(Duration.ofMinutes(random.nextInt(60)))), null);
        } else {
            grant.add(new AccessExpired(grant.id, until), until.plusSeconds(5));
        }
        if (random.nextBoolean()) {
            grant.add(new BreakGlassReviewCompleted(grant.id, "erin", ReviewOutcome.ACCEPTED, null,
                    at.plus(Duration.ofDays(1))), null);
        }
    }

    private static void standing(Random random, Grant grant, boolean privileged) {
        Instant at = START.plus(Duration.ofHours(random.nextInt(HOURS)));
        // a quarter is imported from the IAM system days after the assignment
        Instant recorded = random.nextInt(4) == 0 ? at.plus(Duration.ofDays(1 + random.nextInt(20))) : at;
        grant.add(standingGrant(grant.id, grant.principal, grant.system, grant.role, privileged, at), recorded);
        grant.validFrom = at;
        int ending = random.nextInt(10);
        Instant end = at.plus(Duration.ofHours(1 + random.nextInt(60 * 24)));
        if (ending < 5) {
            grant.add(new StandingAccessRemoved(grant.id, "grace", "okta", end), null);
        } else if (ending == 5) {
            grant.add(revoke(grant, end), null);
        }
    }

    private static AccessRevoked revoke(Grant grant, Instant at) {
        return new AccessRevoked(grant.id, "erin", "no longer needed", null, at);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String key(Grant grant) {
        return grant.principal + "|" + grant.system + "|" + grant.role + "|" + grant.id;
    }

    private void awaitHistoryRows(String grantIds, int events) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long rows = 0;
        while (Instant.now().isBefore(deadline)) {
            rows = jdbc.sql("select count(*) from query.access_history where grant_id like ?").param(grantIds)
                    .query(Long.class).single();
            if (rows == events) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the read model took " + rows + " of " + events + " events");
    }

    private record Recorded(AccessEvent event, Instant recordedAt) {
    }

    /** One grant and its events in the order the ledger recorded them. */
    private static final class Grant {

        final String id;
        final String system;
        final String principal;
        final String role;
        final List<Recorded> events = new ArrayList<>();
        Instant validFrom;
        /** When a revocation reported late was recorded. */
        Instant lateEnd;

        Grant(String id, String system, String principal, String role) {
            this.id = id;
            this.system = system;
            this.principal = principal;
            this.role = role;
        }

        /** @param recordedAt null: a second after it happened, and after everything recorded before */
        void add(AccessEvent event, Instant recordedAt) {
            Instant at = recordedAt == null ? event.occurredAt().plusSeconds(1) : recordedAt;
            if (!events.isEmpty()) {
                Instant previous = events.get(events.size() - 1).recordedAt();
                at = at.isAfter(previous) ? at : previous.plusMillis(1);
            }
            events.add(new Recorded(event, at));
        }
    }
}
