package io.changeledger.command.source;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param secretsKey        Base64 of the 32-byte AES key that encrypts webhook secrets; needed only for GitHub and
 *                          Terraform sources
 * @param defaultRatePerSecond the events a second a source may send over HTTP unless it was registered with a rate
 * @param smallestBurst     the events a source may send at once however low its rate: one full batch
 * @param querySide         the Kafka source the query side sends the audit of the auditors as, registered at start-up
 *                          with nothing but {@code auditor.query} in its scope; empty: not registered
 */
@ConfigurationProperties("changeledger.sources")
record SourceProperties(String secretsKey, @DefaultValue("5000") int defaultRatePerSecond,
                        @DefaultValue("1000") int smallestBurst, String querySide) {
}
