package io.changeledger.events.change;

/** How far a change got, as tooling reports it after the fact. */
public enum ChangeOutcome { STARTED, COMPLETED, FAILED, ROLLED_BACK }
