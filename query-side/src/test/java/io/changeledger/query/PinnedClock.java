package io.changeledger.query;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** "Now" for the queries that depend on it, pinned so that what is overdue does not depend on the day of the run. */
@TestConfiguration(proxyBeanMethods = false)
public class PinnedClock {

    public static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Bean
    @Primary
    Clock pinnedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
