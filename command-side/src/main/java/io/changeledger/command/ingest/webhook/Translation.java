package io.changeledger.command.ingest.webhook;

import tools.jackson.databind.node.ObjectNode;

/**
 * What one vendor event comes to: a change to report, or the reason nothing is recorded for it. A vendor sends
 * what a hook subscribes to, so an event the ledger has no use for is answered 2xx, never an error that the
 * vendor would show as a failing hook or send again.
 *
 * @param report  the data of a {@code change.reported} item, or null
 * @param ignored why nothing is recorded, or null
 */
record Translation(ObjectNode report, String ignored) {

    static Translation report(Reported reported) {
        return new Translation(reported.data(), null);
    }

    static Translation ignored(String reason) {
        return new Translation(null, reason);
    }

    boolean recorded() {
        return report != null;
    }
}
