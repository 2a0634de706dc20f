package io.changeledger.query.proof;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
class LedgerConfig {

    @Bean
    TrustedKeys trustedKeys(LedgerProperties properties) {
        return TrustedKeys.from(properties.trustedKeys());
    }
}
