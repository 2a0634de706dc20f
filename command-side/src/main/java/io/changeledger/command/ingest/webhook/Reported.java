package io.changeledger.command.ingest.webhook;

import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.EvidenceLink;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The data of a {@code change.reported} item, as a webhook delivery gives it. The source system is left out: the
 * ledger fills in the source the delivery came from. Validation is the ingestion's, as for every other entry
 * point; only free text is clipped here, never a name that identifies something.
 */
final class Reported {

    static final String TYPE = "change.reported";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int ATTRIBUTE = 1000;
    private static final int TEXT = 2000;

    private final ObjectNode data = NODES.objectNode();

    private Reported(ObjectNode details, String service, String environment, String actor, ChangeOutcome outcome,
                     Instant occurredAt) {
        data.set("details", details);
        data.put("service", service);
        data.put("environment", environment);
        data.put("actor", actor);
        data.put("outcome", outcome.name());
        if (occurredAt != null) {
            data.put("occurredAt", occurredAt.toString());
        }
    }

    static Reported deployment(String version, String service, String environment, String actor,
                               ChangeOutcome outcome, Instant occurredAt) {
        return new Reported(NODES.objectNode().put("kind", "DEPLOYMENT").put("version", version), service,
                environment, actor, outcome, occurredAt);
    }

    static Reported configuration(String item, String toRevision, String description, String service,
                                  String environment, String actor, ChangeOutcome outcome, Instant occurredAt) {
        ObjectNode details = NODES.objectNode().put("kind", "CONFIGURATION_CHANGE").put("item", item)
                .put("toRevision", toRevision);
        if (description != null) {
            details.put("description", clip(description, TEXT));
        }
        return new Reported(details, service, environment, actor, outcome, occurredAt);
    }

    /** A link to the run that made the change; nothing when the vendor has no link for it. */
    Reported ciRun(String url, String description) {
        if (url != null) {
            ObjectNode link = data.withArrayProperty("evidence").addObject()
                    .put("type", EvidenceLink.EvidenceType.CI_RUN.name()).put("url", url);
            if (description != null) {
                link.put("description", clip(description, TEXT));
            }
        }
        return this;
    }

    Reported attribute(String name, String value) {
        if (value != null) {
            data.withObjectProperty("attributes").put(name, clip(value, ATTRIBUTE));
        }
        return this;
    }

    ObjectNode data() {
        return data;
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
