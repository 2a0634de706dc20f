package io.changeledger.command.access;

import io.changeledger.command.freeze.FreezeLookup;
import io.changeledger.events.access.AccessCertified;
import io.changeledger.events.access.AccessExpired;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.access.AccessRequested;
import io.changeledger.events.access.AccessReviewCompleted;
import io.changeledger.events.access.AccessReviewOverdue;
import io.changeledger.events.access.AccessReviewStarted;
import io.changeledger.events.access.AccessRevoked;
import io.changeledger.events.access.AccessViolationDetected;
import io.changeledger.events.access.BreakGlassReviewCompleted;
import io.changeledger.events.access.BreakGlassReviewOpened;
import io.changeledger.events.access.BreakGlassReviewOverdue;
import io.changeledger.events.access.ReviewedGrant;
import io.changeledger.events.access.StandingAccessGranted;
import io.changeledger.events.access.StandingAccessRemoved;
import io.changeledger.events.change.Control;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the command side must find across grants and reviews: the active grants of a system (the scope of a
 * review), the standing assignment an IAM system names, and the deadlines that passed (expiry, break-glass
 * reviews, certification of standing privileged access, access reviews). Written by the subscribing processor in
 * the transaction that stores the events, so it is never behind the event store.
 */
@Component
@ProcessingGroup(FreezeLookup.PROCESSING_GROUP)
class AccessLookup {

    private final JdbcClient jdbc;

    AccessLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccessRequested event) {
        jdbc.sql("""
                        insert into access_lookup (grant_id, principal, system, resource, role, privileged, standing,
                            source_system, active)
                        values (?, ?, ?, ?, ?, ?, false, ?, false)""")
                .params(event.grantId(), event.principal(), event.system(), event.resource(), event.role(),
                        event.privileged(), event.sourceSystem())
                .update();
    }

    @EventHandler
    void on(AccessGranted event) {
        jdbc.sql("update access_lookup set active = true, valid_until = ? where grant_id = ?")
                .params(timestamp(event.validUntil()), event.grantId()).update();
    }

    @EventHandler
    void on(StandingAccessGranted event) {
        Instant certificationDue = event.privileged() ? event.occurredAt().plus(event.policy().reviewInterval()) : null;
        jdbc.sql("""
                        insert into access_lookup (grant_id, principal, system, resource, role, privileged, standing,
                            source_system, active, certification_interval, certification_due_at)
                        values (?, ?, ?, ?, ?, ?, true, ?, true, ?, ?)""")
                .params(event.grantId(), event.principal(), event.system(), event.resource(), event.role(),
                        event.privileged(), event.sourceSystem(),
                        event.privileged() ? event.policy().reviewInterval().toString() : null,
                        timestamp(certificationDue))
                .update();
    }

    @EventHandler
    void on(AccessRevoked event) {
        ended(event.grantId());
    }

    @EventHandler
    void on(AccessExpired event) {
        ended(event.grantId());
    }

    @EventHandler
    void on(StandingAccessRemoved event) {
        ended(event.grantId());
    }

    @EventHandler
    void on(AccessCertified event) {
        jdbc.sql("""
                        update access_lookup
                        set certification_due_at = cast(? as timestamptz) + cast(certification_interval as interval)
                        where grant_id = ? and certification_interval is not null""")
                .params(timestamp(event.occurredAt()), event.grantId()).update();
    }

    /** A missed certification is flagged once; the next certification sets a new deadline. */
    @EventHandler
    void on(AccessViolationDetected event) {
        if (event.control() == Control.PRIVILEGED_ACCESS_BOUNDED) {
            jdbc.sql("update access_lookup set certification_due_at = null where grant_id = ?")
                    .param(event.grantId()).update();
        }
    }

    @EventHandler
    void on(BreakGlassReviewOpened event) {
        jdbc.sql("update access_lookup set review_due_at = ? where grant_id = ?")
                .params(timestamp(event.dueAt()), event.grantId()).update();
    }

    @EventHandler
    void on(BreakGlassReviewOverdue event) {
        reviewed(event.grantId());
    }

    @EventHandler
    void on(BreakGlassReviewCompleted event) {
        reviewed(event.grantId());
    }

    @EventHandler
    void on(AccessReviewStarted event) {
        jdbc.sql("insert into access_review_lookup (review_id, due_at) values (?, ?)")
                .params(event.reviewId(), timestamp(event.dueAt())).update();
    }

    @EventHandler
    void on(AccessReviewCompleted event) {
        jdbc.sql("delete from access_review_lookup where review_id = ?").param(event.reviewId()).update();
    }

    @EventHandler
    void on(AccessReviewOverdue event) {
        jdbc.sql("delete from access_review_lookup where review_id = ?").param(event.reviewId()).update();
    }

    /** The grants of the system that are active now: the scope of a review that starts now. */
    List<ReviewedGrant> activeGrants(String system) {
        return jdbc.sql("""
                        select grant_id, principal, role, privileged from access_lookup
                        where system = ? and active order by principal, role, grant_id""")
                .param(system)
                .query((rs, row) -> new ReviewedGrant(rs.getString("grant_id"), rs.getString("principal"),
                        rs.getString("role"), rs.getBoolean("privileged")))
                .list();
    }

    Optional<String> activeStandingGrant(String sourceSystem, String principal, String system, String role,
                                         String resource) {
        return jdbc.sql("""
                        select grant_id from access_lookup
                        where active and standing and source_system = ? and principal = ? and system = ? and role = ?
                          and resource is not distinct from ?
                        order by grant_id limit 1""")
                .params(sourceSystem, principal, system, role, resource)
                .query(String.class).optional();
    }

    List<String> grantsExpiringBy(Instant now, int limit) {
        return due("active and valid_until <= ?", "valid_until", now, limit);
    }

    List<String> breakGlassReviewsDueBy(Instant now, int limit) {
        return due("review_due_at <= ?", "review_due_at", now, limit);
    }

    List<String> certificationsDueBy(Instant now, int limit) {
        return due("certification_due_at <= ?", "certification_due_at", now, limit);
    }

    List<String> accessReviewsDueBy(Instant now, int limit) {
        return jdbc.sql("select review_id from access_review_lookup where due_at <= ? order by due_at limit ?")
                .params(timestamp(now), limit).query(String.class).list();
    }

    private List<String> due(String condition, String column, Instant now, int limit) {
        return jdbc.sql("select grant_id from access_lookup where " + condition + " order by " + column + " limit ?")
                .params(timestamp(now), limit).query(String.class).list();
    }

    private void ended(String grantId) {
        jdbc.sql("""
                        update access_lookup set active = false, valid_until = null, certification_due_at = null
                        where grant_id = ?""")
                .param(grantId).update();
    }

    private void reviewed(String grantId) {
        jdbc.sql("update access_lookup set review_due_at = null where grant_id = ?").param(grantId).update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
