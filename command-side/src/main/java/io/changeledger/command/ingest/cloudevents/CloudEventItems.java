package io.changeledger.command.ingest.cloudevents;

import io.changeledger.command.ingest.IngestItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.regex.Pattern;

import static io.changeledger.command.ingest.cloudevents.Attributes.clip;

/**
 * What a CloudEvent records on the ledger: a CDEvent translated to the item it stands for, or one of the ledger's
 * own item types ({@value #NATIVE}{@code <item type>}) with its data as it came.
 */
public final class CloudEventItems {

    static final String NATIVE = "io.changeledger.";
    static final String SEQUENCE = "sequence";
    /** The longest idempotency key the ledger keeps. */
    static final int MAX_KEY = 500;

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");

    private CloudEventItems() {
    }

    record Mapped(String type, JsonNode data) {
    }

    /**
     * @return the item, keyed by source and id, which CloudEvents makes unique per event, joined by a space, which a
     *         URI-reference cannot hold, so no two events share a key
     * @throws CloudEventException when the ledger records nothing for the event, with the reason
     */
    public static IngestItem toItem(CloudEvent event) {
        String key = event.source() + " " + event.id();
        if (key.length() > MAX_KEY) {
            throw new CloudEventException(Attributes.ID, "source, a space and id make an idempotency key of "
                    + key.length() + " characters, and the ledger keeps keys of at most " + MAX_KEY);
        }
        Long sequence = sequence(event.extension(SEQUENCE));
        Mapped mapped = map(event);
        return new IngestItem(mapped.type(), key, sequence, mapped.data());
    }

    private static Mapped map(CloudEvent event) {
        String type = event.type();
        if (type.startsWith(NATIVE)) {
            return new Mapped(type.substring(NATIVE.length()), nativeData(event));
        }
        if (type.startsWith(CdEvents.PREFIX)) {
            return CdEvents.map(event);
        }
        throw new CloudEventException(Attributes.TYPE, "CloudEvent type '" + clip(type) + "' is not one the ledger"
                + " records: send CDEvents (" + CdEvents.PREFIX + "*) or the ledger's own item types as " + NATIVE
                + "<item type>, such as " + NATIVE + "deployment.recorded");
    }

    private static JsonNode nativeData(CloudEvent event) {
        if (event.type().length() == NATIVE.length()) {
            throw new CloudEventException(Attributes.TYPE, "CloudEvent type " + NATIVE + " names no item type;"
                    + " send " + NATIVE + "<item type>, such as " + NATIVE + "deployment.recorded");
        }
        if (event.data() == null) {
            throw new CloudEventException("data", "the event has no data, and the item's fields are its data");
        }
        if (!event.hasJsonData()) {
            throw new CloudEventException(Attributes.DATACONTENTTYPE, event.notJson() + ", and the item's fields"
                    + " are JSON (application/json)");
        }
        if (!(event.data() instanceof ObjectNode)) {
            throw new CloudEventException("data", "data must be a JSON object with the item's fields, not "
                    + JsonFormat.kind(event.data()));
        }
        return event.data();
    }

    private static Long sequence(String value) {
        if (value == null) {
            return null;
        }
        if (DECIMAL.matcher(value).matches()) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException tooLarge) {
                // 19 digits that exceed a long: the reason below says so
            }
        }
        throw new CloudEventException(SEQUENCE, "extension sequence '" + clip(value) + "' must be a decimal integer"
                + " from 0 to " + Long.MAX_VALUE);
    }
}
