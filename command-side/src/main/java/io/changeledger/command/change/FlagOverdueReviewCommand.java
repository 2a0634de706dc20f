package io.changeledger.command.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record, if it is so, that the change's retrospective review is past its deadline at {@code now}. */
record FlagOverdueReviewCommand(@TargetAggregateIdentifier String changeId, Instant now) {
}
