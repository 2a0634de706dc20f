package io.changeledger.command.source;

import io.changeledger.command.ingest.Ingestion;
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
import java.util.TreeSet;

/**
 * Registers the query side's Kafka source at start-up, so that the audit of the auditors and the query side's API
 * tokens reach the ledger without a manual step. Its scope holds only those types: the only source that may write
 * them, and one that may write nothing else. A source of that name registered before keeps its scope, widened to
 * the types a newer version added.
 */
@Component
class QuerySideSource implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(QuerySideSource.class);

    private final SourceProperties properties;
    private final SourceRegistration registration;
    private final SourceRegistry sources;
    private final TransactionTemplate transaction;
    private final Clock clock;

    QuerySideSource(SourceProperties properties, SourceRegistration registration, SourceRegistry sources,
                    TransactionTemplate transaction, Clock clock) {
        this.properties = properties;
        this.registration = registration;
        this.sources = sources;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        String name = properties.querySide();
        if (name == null || name.isBlank()) {
            return;
        }
        Set<String> types = Ingestion.NAMED_ONLY;
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            if (registration.register(name, SourceKind.KAFKA, new SourceScope(types, Set.of()),
                    properties.defaultRatePerSecond(), "the query side: the audit of the auditors and its API tokens",
                    "changeledger", now, () -> { })) {
                log.info("Registered the query side's Kafka source {} for {}", name, new TreeSet<>(types));
                return;
            }
            sources.named(name, SourceKind.KAFKA)
                    // an unrestricted scope may send none of these types; an admin chose it, so it stays
                    .filter(source -> !source.scope().types().isEmpty()
                            && !source.scope().types().containsAll(types))
                    .ifPresent(source -> {
                        Set<String> widened = new TreeSet<>(source.scope().types());
                        widened.addAll(types);
                        registration.changeScope(name, new SourceScope(widened, source.scope().systems()),
                                source.ratePerSecond(), "changeledger", now);
                        log.info("Widened the scope of the query side's Kafka source {} to {}", name, widened);
                    });
        });
    }
}
