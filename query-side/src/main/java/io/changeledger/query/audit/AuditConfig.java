package io.changeledger.query.audit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfig {

    /** Declared here rather than scanned, so that web slices of other features do not need the audit's parts. */
    @Bean
    AuditorRequestFilter auditorRequestFilter(AuditProperties properties, AuditOutbox outbox,
                                              ObjectProvider<AuditSender> sender, Clock clock) {
        return new AuditorRequestFilter(properties, outbox, sender, clock);
    }
}
