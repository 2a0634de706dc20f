package io.changeledger.command.ingest;

import tools.jackson.databind.JsonNode;

/**
 * One event to record, whichever format it arrived in: a batch item as it was sent, or what a CloudEvent, a
 * webhook delivery or a record of the ingest topic was translated to.
 *
 * @param type           the item type, such as {@code deployment.recorded}; {@link Ingestion#types()} lists them
 * @param idempotencyKey unique per source: a repeated key records nothing and is answered as a duplicate
 * @param sequence       the source's own number of the event, when it numbers them; a skipped number is a gap
 * @param data           the item's fields, as the item type defines them
 */
public record IngestItem(String type, String idempotencyKey, Long sequence, JsonNode data) {
}
