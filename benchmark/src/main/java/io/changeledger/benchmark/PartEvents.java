package io.changeledger.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of one part of the ingest scenario. They share one service, so that one count on the query side says
 * how many of them it shows, except the sampled ones: each of those has a service of its own, so that the query side
 * showing one change of it is the moment that event became queryable, whichever path it took.
 *
 * @param sampleEvery every n-th event, from the first, is sampled; 0 samples none
 */
record PartEvents(String runId, String path, String part, String environment, int sampleEvery) {

    /** The service of the part's events that are not sampled. */
    String service() {
        return "bench-" + runId + "-" + path + "-" + part;
    }

    boolean sampled(long n) {
        return sampleEvery > 0 && n % sampleEvery == 0;
    }

    /** How many of the first {@code events} are sampled. */
    long sampledOf(long events) {
        return sampleEvery == 0 ? 0 : (events + sampleEvery - 1) / sampleEvery;
    }

    IngestEvent event(long n) {
        String service = sampled(n) ? service() + "-" + n : service();
        return new IngestEvent(runId + "-" + path + "-" + part + "-" + n, service, environment, part + "." + n);
    }

    List<IngestEvent> tick(Schedule schedule, long tick) {
        long first = schedule.firstEvent(tick);
        int count = schedule.eventsIn(tick);
        List<IngestEvent> events = new ArrayList<>(count);
        for (long n = first; n < first + count; n++) {
            events.add(event(n));
        }
        return events;
    }
}
