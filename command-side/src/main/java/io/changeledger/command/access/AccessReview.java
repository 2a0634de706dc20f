package io.changeledger.command.access;

import io.changeledger.command.access.AccessCommands.DecideAccessReviewCommand;
import io.changeledger.command.access.AccessCommands.FlagOverdueAccessReviewCommand;
import io.changeledger.command.access.AccessCommands.StartAccessReviewCommand;
import io.changeledger.events.Require;
import io.changeledger.events.access.AccessReviewCompleted;
import io.changeledger.events.access.AccessReviewDecided;
import io.changeledger.events.access.AccessReviewOverdue;
import io.changeledger.events.access.AccessReviewStarted;
import io.changeledger.events.access.ReviewedGrant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A periodic review of who holds access to one system (a certification campaign): its scope is fixed when it
 * starts, a reviewer certifies or revokes each grant, and a review not completed by its due date is overdue.
 */
@Aggregate
class AccessReview {

    @AggregateIdentifier
    private String reviewId;
    private Instant dueAt;
    /** The grants in scope by id; the ones decided are removed. */
    private final Map<String, ReviewedGrant> undecided = new LinkedHashMap<>();
    private boolean completed;
    private boolean overdue;

    protected AccessReview() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** A review of a system nobody holds access to is complete as soon as it starts. */
    @CommandHandler
    AccessReview(StartAccessReviewCommand command) {
        Require.present(command.dueAt(), "dueAt");
        Require.present(command.occurredAt(), "occurredAt");
        if (!command.dueAt().isAfter(command.occurredAt())) {
            throw new IllegalArgumentException("dueAt must be after the review starts");
        }
        apply(new AccessReviewStarted(command.reviewId(), command.system(), command.grants(), command.reviewer(),
                command.dueAt(), command.startedBy(), command.occurredAt()));
        if (command.grants().isEmpty()) {
            apply(new AccessReviewCompleted(command.reviewId(), command.occurredAt()));
        }
    }

    @CommandHandler
    void handle(DecideAccessReviewCommand command) {
        Require.text(command.grantId(), "grantId");
        Require.present(command.decision(), "decision");
        Require.text(command.reviewer(), "reviewer");
        ReviewedGrant grant = undecided.get(command.grantId());
        if (grant == null) {
            throw new AccessRuleException("Access " + command.grantId() + " is not undecided in review " + reviewId
                    + ": it was decided already or is not in the review's scope");
        }
        if (command.reviewer().equals(grant.principal())) {
            throw new AccessRuleException(command.reviewer() + " holds access " + command.grantId()
                    + " and cannot review it: segregation of duties");
        }
        apply(new AccessReviewDecided(reviewId, command.grantId(), command.decision(), command.reviewer(),
                command.notes(), command.occurredAt()));
        if (undecided.isEmpty()) {
            apply(new AccessReviewCompleted(reviewId, command.occurredAt()));
        }
    }

    /** Idempotent: the deadline scheduler may ask again, or on several instances at once. */
    @CommandHandler
    void handle(FlagOverdueAccessReviewCommand command) {
        if (!completed && !overdue && !command.now().isBefore(dueAt)) {
            apply(new AccessReviewOverdue(reviewId, dueAt, List.copyOf(undecided.keySet()), command.now()));
        }
    }

    @EventSourcingHandler
    void on(AccessReviewStarted event) {
        reviewId = event.reviewId();
        dueAt = event.dueAt();
        event.grants().forEach(grant -> undecided.put(grant.grantId(), grant));
    }

    @EventSourcingHandler
    void on(AccessReviewDecided event) {
        undecided.remove(event.grantId());
    }

    @EventSourcingHandler
    void on(AccessReviewCompleted event) {
        completed = true;
    }

    @EventSourcingHandler
    void on(AccessReviewOverdue event) {
        overdue = true;
    }
}
