package io.changeledger.command.proof;

import io.changeledger.events.wire.LedgerTopics;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param origin             the ledger's name in every checkpoint: lets an auditor tell two ledgers apart
 * @param checkpointEvery    sign a checkpoint once the tree has grown by this many events...
 * @param checkpointInterval ...or this long after the last one, if it grew at all
 * @param signingKey         PEM of the Ed25519 private key, or the path of a file holding it
 * @param signingPublicKey   PEM of its public key, or a path (Java cannot derive it from the private key)
 * @param keyDirectory       where to keep a generated key pair when no key is configured; empty: none
 */
@ConfigurationProperties("changeledger.ledger")
public record LedgerProperties(String origin, int checkpointEvery, Duration checkpointInterval, String signingKey,
                               String signingPublicKey, String keyDirectory, LedgerTopics.TopicSpec checkpointsTopic) {

    public LedgerProperties {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("changeledger.ledger.origin must name the ledger");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("changeledger.ledger.checkpoint-every must be at least 1");
        }
    }
}
