package io.changeledger.events.change;

/** The verdict of a retrospective review: the emergency change was justified and sound, or it was not. */
public enum ReviewOutcome { ACCEPTED, REJECTED }
