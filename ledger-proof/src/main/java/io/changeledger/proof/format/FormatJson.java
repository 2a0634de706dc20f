package io.changeledger.proof.format;

import io.changeledger.proof.Checkpoint;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The one mapper of the export formats, and the checkpoint's wire shape written field by field. */
final class FormatJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // newer writers may add fields (the reports issue reuses the bundle); an old verifier ignores them
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private FormatJson() {
    }

    static ObjectNode checkpoint(Checkpoint checkpoint) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("origin", checkpoint.origin());
        node.put("treeSize", checkpoint.treeSize());
        node.put("rootHash", checkpoint.rootHash());
        node.put("time", checkpoint.time().toString());
        node.put("keyId", checkpoint.keyId());
        node.put("signature", checkpoint.signature());
        return node;
    }

    /** @throws IllegalArgumentException naming the first field that is missing or of the wrong type */
    static Checkpoint checkpoint(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a checkpoint is an object");
        }
        Instant time;
        try {
            time = Instant.parse(text(node, "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("checkpoint time is not an ISO-8601 instant: " + node.get("time"));
        }
        String rootHash = text(node, "rootHash");
        if (!rootHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("checkpoint rootHash is not 64 lowercase hexadecimal digits");
        }
        return new Checkpoint(text(node, "origin"), integer(node, "treeSize"), rootHash, time, text(node, "keyId"),
                text(node, "signature"));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a string");
        }
        return value.stringValue();
    }

    static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a whole number from 0");
        }
        return value.longValue();
    }
}
