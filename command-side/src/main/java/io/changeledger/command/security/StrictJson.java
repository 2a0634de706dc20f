package io.changeledger.command.security;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * A command with a key twice is refused (400) rather than read as its last value: two parsers in a chain that
 * pick different values are how a request says one thing to a proxy's check and another to the ledger. Unknown
 * fields are refused by spring.jackson.deserialization.fail-on-unknown-properties.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer duplicateKeysRefused() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
