package io.changeledger.command.ingest;

import tools.jackson.databind.JsonNode;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The ledger's own item format, as the batch API and the ingest topic take it:
 * {@code {"type", "idempotencyKey", "sequence"?, "source"?, "data"}}.
 */
final class NativeItems {

    private static final Set<String> FIELDS = Set.of("type", "idempotencyKey", "sequence", "source", "data");

    private NativeItems() {
    }

    /** An item, or the reason it is not one. */
    record Parsed(IngestItem item, String rejection) {
    }

    /**
     * @param sourceName the source that proved who it is: an item cannot speak for another source, whose
     *                   idempotency keys and sequence it would spoil
     */
    static Parsed parse(JsonNode item, String sourceName) {
        if (item == null || !item.isObject()) {
            return rejected("an item must be a JSON object with type, idempotencyKey and data");
        }
        Set<String> unknown = item.propertyNames().stream()
                .filter(name -> !FIELDS.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            return rejected("unknown field(s) " + String.join(", ", unknown));
        }
        if (item.has("source") && !sourceName.equals(text(item, "source"))) {
            return rejected("source must be the authenticated source '" + sourceName + "' or left out");
        }
        JsonNode sequence = item.get("sequence");
        boolean numbered = sequence != null && !sequence.isNull();
        if (numbered && !(sequence.isIntegralNumber() && sequence.canConvertToLong())) {
            return rejected("sequence must be a whole number");
        }
        return new Parsed(new IngestItem(text(item, "type"), text(item, "idempotencyKey"),
                numbered ? sequence.asLong() : null, item.get("data")), null);
    }

    private static Parsed rejected(String reason) {
        return new Parsed(null, reason);
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }
}
