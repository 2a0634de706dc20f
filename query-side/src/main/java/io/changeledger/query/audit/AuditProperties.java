package io.changeledger.query.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The audit of the auditors: which requests are recorded on the ledger, and how their records travel there.
 *
 * @param recordedPaths  path prefixes whose every request is recorded
 * @param source         the registered Kafka source the records are sent as; its scope must name
 *                       {@code auditor.query}
 * @param ingestTopic    the command side's ingest topic; the command side creates it, and records wait in the
 *                       outbox until it exists
 * @param sendInterval   how long the sender sleeps when the outbox is empty (a new record wakes it earlier)
 * @param sendBatch      records sent, and waited for, at a time
 * @param retryBackoff   how long the sender waits after Kafka or the database failed
 */
@ConfigurationProperties("changeledger.audit")
record AuditProperties(
        @DefaultValue({"/api/v1/audit/", "/api/v1/ledger/", "/api/v1/reports/", "/api/v1/exports/"})
        List<String> recordedPaths,
        @DefaultValue("changeledger-query-side") String source,
        @DefaultValue("changeledger.ingest") String ingestTopic,
        @DefaultValue("1s") Duration sendInterval,
        @DefaultValue("100") int sendBatch,
        @DefaultValue("2s") Duration retryBackoff) {

    boolean recorded(String path) {
        return recordedPaths.stream().anyMatch(prefix -> path.startsWith(prefix)
                || prefix.endsWith("/") && path.equals(prefix.substring(0, prefix.length() - 1)));
    }
}
