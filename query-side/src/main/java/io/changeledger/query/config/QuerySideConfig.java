package io.changeledger.query.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuerySideProperties.class)
class QuerySideConfig {

    /** What "now" is for the queries that depend on it (overdue reviews), so that tests can pin it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
