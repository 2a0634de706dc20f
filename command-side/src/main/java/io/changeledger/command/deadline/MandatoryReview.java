package io.changeledger.command.deadline;

import java.time.Instant;

/**
 * The review that takes the place of prior approval (of an emergency change, of break-glass access): opened with
 * a deadline, overdue once the deadline passes, done when someone completes it. One mechanism for every aggregate
 * that has one; the aggregate's event-sourcing handlers move it, its command handlers ask it.
 */
public final class MandatoryReview {

    private enum State { NONE, OPEN, OVERDUE, DONE }

    private State state = State.NONE;
    private Instant dueAt;

    public void opened(Instant deadline) {
        state = State.OPEN;
        dueAt = deadline;
    }

    public void overdue() {
        state = State.OVERDUE;
    }

    public void done() {
        state = State.DONE;
    }

    public boolean exists() {
        return state != State.NONE;
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    public Instant dueAt() {
        return dueAt;
    }

    /** Still open at {@code now} although its deadline has come: time to flag it, once. */
    public boolean overdueAt(Instant now) {
        return state == State.OPEN && !now.isBefore(dueAt);
    }

    /** Completed at {@code at}, after its deadline, without having been flagged yet. */
    public boolean lateAt(Instant at) {
        return state == State.OPEN && at.isAfter(dueAt);
    }
}
