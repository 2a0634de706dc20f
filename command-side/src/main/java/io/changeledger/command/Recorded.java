package io.changeledger.command;

/**
 * What an intake recorded, whichever way the event came in (its own API, a batch item, a CloudEvent, a webhook).
 *
 * @param id       the ledger's id of what was recorded
 * @param existing whether it landed on something already on the ledger rather than something new
 */
public record Recorded(String id, boolean existing) {
}
