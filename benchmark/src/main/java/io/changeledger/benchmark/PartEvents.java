package io.changeledger.benchmark;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one part of the ingest scenario. They share one service, so that one count on the query side says
 * how many of them it shows, except the sampled ones: those share another service and say when they occurred, so
 * that one query for that service's changes since the oldest one not yet seen shows which became queryable,
 * whichever path they took.
 *
 * @param sampleEvery every n-th event, from the first, is sampled; 0 samples none
 */
record PartEvents(String runId, String path, String part, String environment, int sampleEvery) {

    /** The service of the part's events that are not sampled. */
    String service() {
        return "bench-" + runId + "-" + path + "-" + part;
    }

    /** The service of the part's sampled events. */
    String sampledService() {
        return service() + "-sampled";
    }

    boolean sampled(long n) {
        return sampleEvery > 0 && n % sampleEvery == 0;
    }

    /** How many of the first {@code events} are sampled. */
    long sampledOf(long events) {
        return sampleEvery == 0 ? 0 : (events + sampleEvery - 1) / sampleEvery;
    }

    /** The n-th event; a sampled one says it occurred now, to the millisecond. */
    IngestEvent event(long n) {
        String key = runId + "-" + path + "-" + part + "-" + n;
        String version = part + "." + n;
        return sampled(n)
                ? new IngestEvent(key, sampledService(), environment, version,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS))
                : new IngestEvent(key, service(), environment, version);
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
