package io.changeledger.command.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ChangeLedgerConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
