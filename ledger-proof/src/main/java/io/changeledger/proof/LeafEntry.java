package io.changeledger.proof;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * What a leaf of the ledger's tree commits to: the event's envelope (id, type, revision, both times) and its
 * payload, as one JSON object in RFC 8785 canonical form. The leaf hash is RFC 9162's over those bytes.
 * The ledger sequence number is not inside: a leaf's position in the tree is what fixes its number.
 */
public final class LeafEntry {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LeafEntry() {
    }

    /** The envelope as a JSON object, the form in which exports show it. */
    public static ObjectNode envelope(UUID id, String type, String revision, String occurredAt, String recordedAt,
                                      byte[] payloadJson) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("id", id.toString());
        entry.put("type", type);
        entry.put("revision", revision);
        entry.put("occurredAt", occurredAt);
        entry.put("recordedAt", recordedAt);
        entry.set("payload", JSON.readTree(payloadJson));
        return entry;
    }

    public static byte[] canonicalBytes(UUID id, String type, String revision, String occurredAt,
                                        String recordedAt, byte[] payloadJson) {
        return CanonicalJson.canonicalize(envelope(id, type, revision, occurredAt, recordedAt, payloadJson));
    }

    public static Digest leafHash(JsonNode envelope) {
        return Hashes.leaf(CanonicalJson.canonicalize(envelope));
    }
}
