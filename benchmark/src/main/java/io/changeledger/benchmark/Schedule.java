package io.changeledger.benchmark;

/**
 * When each group of events is due. Events go out in ticks of {@code perTick} (one batch request, or that many Kafka
 * records handed to the producer at once); a paced schedule puts tick k at {@code k * perTick / rate} seconds after
 * the start, whatever happened to earlier ticks, so that a slow answer cannot hold back the load (open loop) and
 * latencies are counted from when an event was due, not from when a busy sender got round to it.
 *
 * @param rate events a second; 0 for an unpaced schedule, whose ticks go out as fast as senders are free
 */
record Schedule(long events, int perTick, int rate) {

    Schedule {
        if (events < 0 || perTick < 1 || rate < 0) {
            throw new IllegalArgumentException("events >= 0, perTick >= 1 and rate >= 0 expected, got " + events
                    + ", " + perTick + ", " + rate);
        }
    }

    static Schedule of(long events, int perTick, int rate) {
        return new Schedule(events, perTick, rate);
    }

    boolean paced() {
        return rate > 0;
    }

    long ticks() {
        return (events + perTick - 1) / perTick;
    }

    long firstEvent(long tick) {
        return tick * perTick;
    }

    /** Only the last tick may hold fewer. */
    int eventsIn(long tick) {
        return (int) Math.min(perTick, events - firstEvent(tick));
    }

    /** @return nanoseconds from the start until the tick is due; 0 for every tick of an unpaced schedule */
    long dueNanos(long tick) {
        if (!paced()) {
            return 0;
        }
        return Math.multiplyExact(firstEvent(tick), 1_000_000_000L) / rate;
    }

    /** The time a paced schedule takes to send everything; an unpaced one takes what it takes. */
    double seconds() {
        return paced() ? (double) events / rate : Double.NaN;
    }
}
