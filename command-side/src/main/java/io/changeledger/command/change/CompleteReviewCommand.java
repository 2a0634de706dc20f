package io.changeledger.command.change;

import io.changeledger.events.change.ReviewOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record the verdict of an emergency change's retrospective review. */
record CompleteReviewCommand(@TargetAggregateIdentifier String changeId, String reviewer, ReviewOutcome outcome, String notes, Instant occurredAt) {
}
