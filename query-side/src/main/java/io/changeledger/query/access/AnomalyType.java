package io.changeledger.query.access;

/** What the anomalies report looks for. */
enum AnomalyType {
    /** A session that began before its grant's window, at or after its end, or on a grant never granted. */
    SESSION_OUTSIDE_GRANT_WINDOW,
    /** A session that began inside the window but ran past its end, or was never reported as ended. */
    SESSION_PAST_EXPIRY,
    /** Standing privileged access in force now, not certified (or granted) within the last {@code days}. */
    STANDING_PRIVILEGED_UNREVIEWED,
    /** Break-glass access whose mandatory review is still open, overdue or not. */
    BREAK_GLASS_UNREVIEWED
}
