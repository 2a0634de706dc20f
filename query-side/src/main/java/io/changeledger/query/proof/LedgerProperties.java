package io.changeledger.query.proof;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param trustedKeys the Ed25519 public keys whose checkpoints count, as PEM text or the path of a PEM file (one
 *                    or more "PUBLIC KEY" blocks). Unset: a checkpoint is checked against the key its record
 *                    carries, which proves that the checkpoint is intact, not who signed it.
 */
@ConfigurationProperties("changeledger.ledger")
record LedgerProperties(String trustedKeys) {
}
