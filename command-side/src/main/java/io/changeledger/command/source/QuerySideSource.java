package io.changeledger.command.source;

import io.changeledger.events.source.SourceKind;
import io.changeledger.events.source.SourceScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Registers the query side's Kafka source at start-up, so that the audit of the auditors reaches the ledger without
 * a manual step. Its scope holds only {@code auditor.query}: the only source that may write auditors' records, and
 * one that may write nothing else. A source of that name registered already is left as it is.
 */
@Component
class QuerySideSource implements ApplicationRunner {

    static final String AUDITOR_QUERY = "auditor.query";

    private static final Logger log = LoggerFactory.getLogger(QuerySideSource.class);

    private final SourceProperties properties;
    private final SourceRegistration registration;
    private final TransactionTemplate transaction;
    private final Clock clock;

    QuerySideSource(SourceProperties properties, SourceRegistration registration, TransactionTemplate transaction,
                    Clock clock) {
        this.properties = properties;
        this.registration = registration;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        String name = properties.querySide();
        if (name == null || name.isBlank()) {
            return;
        }
        SourceScope scope = new SourceScope(Set.of(AUDITOR_QUERY), Set.of());
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            if (registration.register(name, SourceKind.KAFKA, scope, properties.defaultRatePerSecond(),
                    "the query side: the audit of the auditors", "changeledger", now, () -> { })) {
                log.info("Registered the query side's Kafka source {} for {}", name, AUDITOR_QUERY);
            }
        });
    }
}
