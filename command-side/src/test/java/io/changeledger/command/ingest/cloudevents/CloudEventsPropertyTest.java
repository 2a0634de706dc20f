package io.changeledger.command.ingest.cloudevents;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.JSON;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.bytes;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.cdevent;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.json;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.structured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random and mutated payloads, from a fixed seed, through every binding and the mapping: whatever arrives, the
 * answer is an event, an item or a {@link CloudEventException} with a reason, never any other exception.
 */
class CloudEventsPropertyTest {

    private static final long SEED = 20_240_502L;
    private static final int PAYLOADS = 5000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] CDEVENTS = {"service_deployed", "service_upgraded", "service_rolledback",
            "service_removed", "service_published", "incident_detected", "incident_reported", "incident_resolved",
            "change_merged", "pipelinerun_finished", "pipelinerun_queued", "testsuiterun_finished",
            "artifact_published", "artifact_signed"};
    private static final String[] STRUCTURED = {"json_format_example", "data_base64_example", "data_base64_json",
            "native_deployment_recorded", "cdevent_service_deployed"};
    private static final String[] INTERESTING = {"", "1.0", "0.3", "dev.cdevents.service.deployed.0.2.0",
            "dev.cdevents.service.deployed.1.0.0", "dev.cdevents.incident.reported.0.9.9-rc.1",
            "io.changeledger.deployment.recorded", "io.changeledger.", "pkg:oci/x@sha256%3Aab", "pkg:", "pkg:a/b@%",
            "pkg:maven/a@%C3%28", "2018-04-05T17:31:00Z", "2016-12-31T23:59:60Z", "2018-04-05T17:31:00.1234567890123Z",
            "9999-12-31T23:59:59+18:00", "2018-02-30T17:31:00Z", "2018-04-05T24:00:00Z",
            "2018-04-05T17:31:00+19:00", "application/json", "text/plain", "application/cloudevents+json", "-1",
            "9223372036854775808", "9999999999999999999", "0009223372036854775807", "%ZZ", "%", "\"", "\\", "a b", "/event/source/123", "urn:x:y", "::", "[", "%C3%28",
            "\u0000", "\ud800", "\uffff", "😀", "changeledgerchange", "sequence", "data", "data_base64", "e30=",
            "partitionkey"};
    private static final String[] ATTRIBUTES = {"specversion", "id", "source", "type", "subject", "time",
            "datacontenttype", "dataschema", "sequence", "partitionkey", "changeledgerchange", "changeledgerkey",
            "changeledgeractor"};
    private static final String ALPHABET = "abcXYZ019 %\"\\:/@.#?;=-_+\t\n\u0000\u007f\u0085éü€\ud83d\ude00\ud800\uffff";

    private final Random random = new Random(SEED);
    private final List<JsonNode> corpus = new ArrayList<>();
    private int accepted;
    private int refused;
    private int items;

    @Test
    void neverThrowsAnythingButItsOwnExceptionWhateverArrives() {
        for (String name : CDEVENTS) {
            corpus.add(structured(cdevent(name), Map.of("changeledgerchange", "01HZX3K5Q7V9ABCDEF12345678",
                    "sequence", "7")));
        }
        for (String name : STRUCTURED) {
            corpus.add(json("structured/" + name + ".json"));
        }
        for (int i = 0; i < PAYLOADS; i++) {
            JsonNode tree = attribute(mutate(corpus.get(random.nextInt(corpus.size())).deepCopy(),
                    random.nextInt(4)));
            byte[] body = random.nextInt(4) == 0 ? mangle(bytes(tree)) : bytes(tree);
            String describe = "payload " + i + ": " + new String(body, StandardCharsets.UTF_8);

            event(describe, () -> HttpCloudEvents.single(Map.of("Content-Type",
                    List.of(HttpCloudEvents.STRUCTURED)), body));
            attempt(describe, () -> HttpCloudEvents.batch(batchOf(body))).forEach(entries -> entries.forEach(entry ->
                    item(describe, entry.ok() ? entry.event() : null)));
            if (tree.isObject()) {
                Map<String, Collection<String>> headers = httpHeaders((ObjectNode) tree);
                byte[] data = data(tree);
                event(describe + " as HTTP headers " + headers, () -> HttpCloudEvents.single(headers, data));
                Headers kafka = kafkaHeaders((ObjectNode) tree);
                event(describe + " as Kafka headers " + kafka, () -> KafkaCloudEvents.read(kafka,
                        random.nextBoolean() ? null : text(), data));
            }
            Headers structured = new RecordHeaders().add("content-type", HttpCloudEvents.STRUCTURED.getBytes(
                    StandardCharsets.UTF_8));
            event(describe + " as Kafka record", () -> KafkaCloudEvents.read(structured, null, body));
        }

        assertThat(accepted).as("events read").isGreaterThan(PAYLOADS / 10);
        assertThat(refused).as("events and items refused").isGreaterThan(PAYLOADS / 10);
        assertThat(items).as("items mapped").isGreaterThan(PAYLOADS / 20);
    }

    private void event(String describe, Supplier<CloudEvent> reading) {
        attempt(describe, reading).forEach(event -> item(describe, event));
    }

    private void item(String describe, CloudEvent event) {
        if (event != null) {
            accepted++;
            attempt(describe, () -> CloudEventItems.toItem(event)).forEach(item -> items++);
        }
    }

    /** @return the result, or nothing when the reading refused the payload with a reason */
    private <T> List<T> attempt(String describe, Supplier<T> reading) {
        try {
            return List.of(reading.get());
        } catch (CloudEventException e) {
            assertThat(e.reason()).as(describe).isNotBlank();
            refused++;
            return List.of();
        } catch (Throwable e) {
            return fail(describe + " threw " + e, e);
        }
    }

    /** Most of the time one attribute set to an edge case, or to a near miss of what it was. */
    private JsonNode attribute(JsonNode tree) {
        if (tree instanceof ObjectNode event && random.nextInt(4) > 0) {
            String name = ATTRIBUTES[random.nextInt(ATTRIBUTES.length)];
            JsonNode current = event.get(name);
            event.put(name, current != null && current.isString() && random.nextBoolean()
                    ? tweak(current.stringValue()) : INTERESTING[random.nextInt(INTERESTING.length)]);
        }
        return tree;
    }

    private JsonNode mutate(JsonNode tree, int times) {
        for (int i = 0; i < times; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(tree, containers);
            if (containers.isEmpty()) {
                return value(2);
            }
            // half the time the event's own members, where the attributes are; else anywhere, the CDEvent included
            JsonNode target = random.nextBoolean() ? tree : containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode object) {
                List<String> names = new ArrayList<>(object.propertyNames());
                String name = names.isEmpty() || random.nextInt(4) == 0 ? key() : names.get(random.nextInt(
                        names.size()));
                JsonNode current = object.get(name);
                switch (random.nextInt(4)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.set(name, value(2));
                    case 2 -> object.set(name, current != null && current.isString()
                            ? NODES.stringNode(tweak(current.stringValue())) : value(2));
                    default -> object.set(random.nextBoolean() ? name.toUpperCase(Locale.ROOT) : key(),
                            object.remove(name));
                }
            } else if (target instanceof ArrayNode array) {
                if (array.isEmpty() || random.nextBoolean()) {
                    array.add(value(2));
                } else {
                    array.set(random.nextInt(array.size()), value(2));
                }
            }
        }
        return tree;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private JsonNode value(int depth) {
        switch (random.nextInt(depth > 0 ? 10 : 8)) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(random.nextBoolean());
            case 2:
                return NODES.numberNode(random.nextInt());
            case 3:
                return NODES.numberNode(new BigInteger(80, random).negate());
            case 4:
                return NODES.numberNode(random.nextDouble() * 1e6);
            case 5:
            case 6:
            case 7:
                return NODES.stringNode(text());
            case 8: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(key(), value(depth - 1));
                }
                return object;
            }
            default: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(depth - 1));
                }
                return array;
            }
        }
    }

    /**
     * A value almost as it was: a digit or a character swapped, or a piece cut out, so that timestamps, versions,
     * purls and percent-encodings come out nearly right, where the edge cases are.
     */
    private String tweak(String value) {
        if (value.isEmpty()) {
            return text();
        }
        StringBuilder tweaked = new StringBuilder(value);
        int at = random.nextInt(value.length());
        switch (random.nextInt(4)) {
            case 0 -> tweaked.setCharAt(at, (char) ('0' + random.nextInt(10)));
            case 1 -> tweaked.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            case 2 -> tweaked.delete(at, Math.min(value.length(), at + 1 + random.nextInt(3)));
            default -> tweaked.insert(at, text());
        }
        return tweaked.toString();
    }

    private String key() {
        return random.nextInt(3) == 0 ? text() : INTERESTING[random.nextInt(INTERESTING.length)].replace("\"", "");
    }

    private String text() {
        if (random.nextBoolean()) {
            return INTERESTING[random.nextInt(INTERESTING.length)];
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** Bytes flipped, dropped, doubled or cut off. */
    private byte[] mangle(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] mangled = bytes.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    mangled[random.nextInt(mangled.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> mangled = Arrays.copyOf(mangled, random.nextInt(mangled.length));
            case 2 -> {
                int at = random.nextInt(mangled.length);
                byte[] shorter = new byte[mangled.length - 1];
                System.arraycopy(mangled, 0, shorter, 0, at);
                System.arraycopy(mangled, at + 1, shorter, at, mangled.length - at - 1);
                mangled = shorter;
            }
            default -> {
                byte[] twice = new byte[mangled.length * 2];
                System.arraycopy(mangled, 0, twice, 0, mangled.length);
                System.arraycopy(mangled, 0, twice, mangled.length, mangled.length);
                mangled = twice;
            }
        }
        return mangled;
    }

    private byte[] batchOf(byte[] body) {
        if (random.nextInt(4) == 0) {
            return body;
        }
        byte[] open = "[".getBytes(StandardCharsets.UTF_8);
        byte[] batch = new byte[body.length * 2 + 3];
        System.arraycopy(open, 0, batch, 0, 1);
        System.arraycopy(body, 0, batch, 1, body.length);
        batch[body.length + 1] = ',';
        System.arraycopy(body, 0, batch, body.length + 2, body.length);
        batch[batch.length - 1] = ']';
        return batch;
    }

    /** The event's members as binary-mode headers, some percent-encoded, some quoted, some broken. */
    private Map<String, Collection<String>> httpHeaders(ObjectNode event) {
        Map<String, Collection<String>> headers = new TreeMap<>();
        event.properties().forEach(member -> {
            if (member.getKey().startsWith("data")) {
                return;
            }
            String name = member.getKey().equals("datacontenttype") ? "Content-Type"
                    : (random.nextBoolean() ? "ce-" : "Ce-") + member.getKey();
            String value = member.getValue().isString() ? member.getValue().stringValue()
                    : member.getValue().toString();
            switch (random.nextInt(6)) {
                case 0 -> value = percentEncode(value);
                case 1 -> value = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                case 2 -> value = value + text();
                case 3 -> value = tweak(value);
                default -> { }
            }
            headers.put(name, random.nextInt(20) == 0 ? List.of(value, value) : List.of(value));
        });
        return headers;
    }

    private Headers kafkaHeaders(ObjectNode event) {
        RecordHeaders headers = new RecordHeaders();
        event.properties().forEach(member -> {
            if (member.getKey().startsWith("data")) {
                return;
            }
            String name = member.getKey().equals("datacontenttype") ? "content-type" : "ce_" + member.getKey();
            String value = member.getValue().isString() ? member.getValue().stringValue()
                    : member.getValue().toString();
            byte[] bytes = (random.nextInt(4) == 0 ? tweak(value) : value).getBytes(StandardCharsets.UTF_8);
            headers.add(name, random.nextInt(10) == 0 ? mangle(bytes) : random.nextInt(30) == 0 ? null : bytes);
        });
        return headers;
    }

    private byte[] data(JsonNode event) {
        JsonNode data = event.get("data");
        if (data == null) {
            return random.nextBoolean() ? null : new byte[0];
        }
        byte[] bytes = data.isString() ? data.stringValue().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(
                data);
        return random.nextInt(5) == 0 ? mangle(bytes) : bytes;
    }

    private static String percentEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '%' && c != '"') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
