package io.changeledger.command.ingest.cloudevents;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The spec-shaped payloads under {@code src/test/resources/cloudevents}, and CloudEvents built around CDEvents. */
final class CloudEventFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private CloudEventFixtures() {
    }

    static byte[] resource(String path) {
        try (InputStream in = CloudEventFixtures.class.getResourceAsStream("/cloudevents/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource cloudevents/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String path) {
        return (ObjectNode) JSON.readTree(resource(path));
    }

    /** A CDEvent as the CDEvents v0.4.1 conformance examples have it, such as {@code service_deployed}. */
    static ObjectNode cdevent(String name) {
        return json("cdevents/" + name + ".json");
    }

    /** The CDEvent as the data of a structured CloudEvent, its attributes as the CDEvents binding maps them. */
    static ObjectNode structured(ObjectNode cdevent, Map<String, String> extensions) {
        JsonNode context = cdevent.get("context");
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", context.get("id").asString())
                .put("source", context.get("source").asString())
                .put("type", context.get("type").asString())
                .put("datacontenttype", "application/json");
        if (context.has("timestamp")) {
            event.put("time", context.get("timestamp").asString());
        }
        extensions.forEach(event::put);
        event.set("data", cdevent);
        return event;
    }

    static CloudEvent event(ObjectNode cdevent, Map<String, String> extensions) {
        return JsonFormat.event(structured(cdevent, extensions));
    }

    static CloudEvent event(ObjectNode cdevent) {
        return event(cdevent, Map.of());
    }

    static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }

    /** HTTP headers as a servlet would hand them over: names in the case they were sent. */
    static Map<String, Collection<String>> headers(String... namesAndValues) {
        Map<String, Collection<String>> headers = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return headers;
    }
}
