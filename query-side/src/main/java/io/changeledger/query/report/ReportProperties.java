package io.changeledger.query.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param mappingVersion the framework mapping a report uses when the request names none; unset, the newest
 * @param exceptionLimit how many exceptions of each check a report lists when the request does not say; the counts
 *                       always cover them all
 */
@ConfigurationProperties("changeledger.reports")
record ReportProperties(String mappingVersion, @DefaultValue("1000") int exceptionLimit) {
}
