package io.changeledger.command.ingest.cloudevents;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BinaryNode;

import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The CloudEvents JSON event format 1.0.2: one event as a JSON object. */
final class JsonFormat {

    /**
     * Duplicate members are refused rather than resolved: a parser that keeps the first {@code id} and one that
     * keeps the last would disagree about which event this is.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonFormat() {
    }

    /** @param what what the bytes are, for the reason: "the body", "data_base64" */
    static JsonNode parse(byte[] bytes, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new CloudEventException(what + " is not JSON: " + Attributes.clip(e.getOriginalMessage(), 300));
        }
        if (node == null || node.isMissingNode()) {
            throw new CloudEventException(what + " is empty, and an empty body is not JSON");
        }
        return node;
    }

    static CloudEvent event(byte[] body) {
        return event(parse(body, "the body"));
    }

    static CloudEvent event(JsonNode event) {
        if (!event.isObject()) {
            throw new CloudEventException("a structured CloudEvent must be a JSON object, not "
                    + kind(event));
        }
        Map<String, String> attributes = new HashMap<>();
        JsonNode data = null;
        String base64 = null;
        for (Map.Entry<String, JsonNode> member : event.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (name.equals("data")) {
                data = value.isNull() ? null : value;
                continue;
            }
            if (name.equals("data_base64")) {
                if (!value.isNull() && !value.isString()) {
                    throw new CloudEventException(name, "data_base64 must be a string of Base64");
                }
                base64 = value.isNull() ? null : value.stringValue();
                continue;
            }
            Attributes.name(name, "member");
            if (value.isNull()) {
                // the JSON format: a null member is an unset attribute
                continue;
            }
            attributes.put(name, attribute(name, value));
        }
        if (data != null && base64 != null) {
            throw new CloudEventException("data_base64", "an event has data or data_base64, not both");
        }
        if (base64 != null) {
            data = decode(base64, attributes.get(Attributes.DATACONTENTTYPE));
        }
        return Attributes.event(attributes, data);
    }

    /**
     * Context attributes are strings in the JSON format; an extension may also be a boolean or an integer, which
     * the event keeps in canonical string form, as the bindings that carry only strings would.
     */
    private static String attribute(String name, JsonNode value) {
        if (value.isString()) {
            return value.stringValue();
        }
        if (Attributes.CONTEXT.contains(name)) {
            throw new CloudEventException(name, name + " must be a JSON string, not "
                    + kind(value));
        }
        if (value.isBoolean()) {
            return String.valueOf(value.booleanValue());
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return String.valueOf(value.intValue());
        }
        throw new CloudEventException(name, "extension " + name + " must be a string, a boolean or an integer"
                + " from -2147483648 to 2147483647, not " + (value.isNumber() ? "the number " + Attributes.clip(
                value.toString()) : kind(value)));
    }

    static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode decode(String base64, String datacontenttype) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CloudEventException("data_base64", "data_base64 is not Base64 (RFC 4648): " + e.getMessage());
        }
        // absent, the data's type is unknown: only the data member is JSON by default, being a JSON value
        if (datacontenttype == null || !Attributes.isJson(datacontenttype)) {
            return BinaryNode.valueOf(bytes);
        }
        return bytes.length == 0 ? null : parse(bytes, "data_base64, whose datacontenttype is JSON,");
    }
}
