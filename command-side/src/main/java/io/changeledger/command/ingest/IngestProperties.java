package io.changeledger.command.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxItems the most events one batch may hold
 * @param maxSize  the largest body a batch may have
 */
@ConfigurationProperties("changeledger.ingest")
record IngestProperties(@DefaultValue("1000") int maxItems, @DefaultValue("5MB") DataSize maxSize) {
}
