package io.changeledger.command.ingest.cloudevents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.JSON;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.bytes;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.headers;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.json;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CloudEvents HTTP protocol binding 1.0.2: structured, batched and binary mode. */
class HttpCloudEventsTest {

    private static final byte[] DATA = "{\"appinfoA\":\"abc\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsAStructuredModeRequest() {
        CloudEvent event = HttpCloudEvents.single(headers("Content-Type", "application/cloudevents+json; charset=UTF-8"),
                resource("structured/json_format_example.json"));

        assertThat(event.id()).isEqualTo("C234-1234-1234");
        assertThat(event.data().get("appinfoB").asInt()).isEqualTo(123);
    }

    @Test
    void refusesAStructuredBodyThatIsNotJson() {
        assertThatThrownBy(() -> HttpCloudEvents.single(headers("content-type", HttpCloudEvents.STRUCTURED),
                "{\"specversion\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CloudEventException.class).hasMessageStartingWith("the body is not JSON: ");
        assertThatThrownBy(() -> HttpCloudEvents.single(headers("content-type", HttpCloudEvents.STRUCTURED),
                new byte[0])).hasMessage("the body is empty, and an empty body is not JSON");
    }

    @Test
    void refusesAStructuredEventWithADuplicateMember() {
        byte[] body = ("{\"specversion\":\"1.0\",\"id\":\"1\",\"id\":\"2\",\"source\":\"/s\",\"type\":\"t\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> HttpCloudEvents.single(headers("Content-Type", HttpCloudEvents.STRUCTURED), body))
                .hasMessageContaining("Duplicate Object property \"id\"");
    }

    @Test
    void refusesJsonNestedDeeperThanTheParserAllows() {
        byte[] deep = ("{\"data\":" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> HttpCloudEvents.single(headers("Content-Type", HttpCloudEvents.STRUCTURED), deep))
                .isInstanceOf(CloudEventException.class).hasMessageStartingWith("the body is not JSON: ")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void refusesAnEventFormatOtherThanJson() {
        assertThatThrownBy(() -> HttpCloudEvents.single(headers("Content-Type", "application/cloudevents+avro"),
                new byte[]{1}))
                .hasMessage("the event format application/cloudevents+avro is not supported: send"
                        + " application/cloudevents+json, application/cloudevents-batch+json or binary mode");
    }

    @Test
    void answersEachEventOfABatchOnItsOwn() {
        Map<String, Collection<String>> headers = headers("Content-Type", "application/cloudevents-batch+json");

        assertThat(HttpCloudEvents.batched(headers)).isTrue();
        List<HttpCloudEvents.Entry> entries = HttpCloudEvents.batch(resource("structured/batch.json"));

        assertThat(entries).extracting(HttpCloudEvents.Entry::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(entries).extracting(HttpCloudEvents.Entry::ok).containsExactly(true, false, true, false, false);
        assertThat(entries.get(0).event().id()).isEqualTo("C234-1234-1234");
        assertThat(entries.get(1).error().reason()).isEqualTo("id is required");
        assertThat(entries.get(2).event().type()).isEqualTo("io.changeledger.deployment.recorded");
        assertThat(entries.get(3).error().reason()).isEqualTo("a structured CloudEvent must be a JSON object, not"
                + " string");
        assertThat(entries.get(4).error().reason()).isEqualTo("specversion '0.3' is not supported: the ledger reads"
                + " CloudEvents 1.0");
    }

    @Test
    void readsAnEmptyBatchAsNoEvents() {
        assertThat(HttpCloudEvents.batch("[]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void refusesABatchThatIsNotAJsonArray() {
        assertThatThrownBy(() -> HttpCloudEvents.batch(resource("structured/json_format_example.json")))
                .hasMessage("a batch (application/cloudevents-batch+json) must be a JSON array of structured"
                        + " CloudEvents, not object");
    }

    @Test
    void refusesABatchInSingleMode() {
        assertThatThrownBy(() -> HttpCloudEvents.single(headers("Content-Type", HttpCloudEvents.BATCH), new byte[0]))
                .hasMessage("the request is a batch (application/cloudevents-batch+json), not one event");
        assertThat(HttpCloudEvents.batched(headers("Content-Type", HttpCloudEvents.STRUCTURED))).isFalse();
        assertThat(HttpCloudEvents.batched(headers())).isFalse();
    }

    @Test
    void readsTheSpecsBinaryModeExample() {
        CloudEvent event = HttpCloudEvents.single(headers(
                "ce-specversion", "1.0",
                "ce-type", "com.example.someevent",
                "ce-time", "2018-04-05T03:56:24Z",
                "ce-id", "1234-1234-1234",
                "ce-source", "/mycontext/subcontext",
                "Content-Type", "application/json; charset=utf-8",
                "Content-Length", String.valueOf(DATA.length)), DATA);

        assertThat(event.type()).isEqualTo("com.example.someevent");
        assertThat(event.source()).isEqualTo("/mycontext/subcontext");
        assertThat(event.time().toInstant()).hasToString("2018-04-05T03:56:24Z");
        assertThat(event.datacontenttype()).isEqualTo("application/json; charset=utf-8");
        assertThat(event.data()).isEqualTo(JSON.readTree(DATA));
        assertThat(event.extensions()).isEmpty();
    }

    @Test
    void matchesBinaryModeHeaderNamesInAnyCase() {
        CloudEvent event = HttpCloudEvents.single(headers("CE-SpecVersion", "1.0", "Ce-Id", "1", "ce-SOURCE", "/s",
                "Ce-Type", "t", "CE-MyExtension", "yes"), DATA);

        assertThat(event.id()).isEqualTo("1");
        assertThat(event.extensions()).containsExactly(Map.entry("myextension", "yes"));
    }

    @Test
    void readsABodyWithoutContentTypeAsJson() {
        CloudEvent event = HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s",
                "ce-type", "t"), DATA);

        assertThat(event.datacontenttype()).isNull();
        assertThat(event.hasJsonData()).isTrue();
        assertThat(event.data().get("appinfoA").asString()).isEqualTo("abc");
    }

    @Test
    void keepsANonJsonBodyAsBytes() {
        byte[] xml = "<much wow=\"xml\"/>".getBytes(StandardCharsets.UTF_8);
        CloudEvent event = HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s",
                "ce-type", "t", "Content-Type", "text/xml"), xml);

        assertThat(event.datacontenttype()).isEqualTo("text/xml");
        assertThat(event.data().binaryValue()).isEqualTo(xml);
        assertThat(event.hasJsonData()).isFalse();
    }

    @Test
    void readsAnEmptyBodyAsNoData() {
        CloudEvent event = HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s",
                "ce-type", "t", "Content-Type", "application/json"), new byte[0]);

        assertThat(event.data()).isNull();
    }

    @Test
    void refusesAJsonBodyThatIsNotJson() {
        assertThatThrownBy(() -> HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-id", "1", "ce-source",
                "/s", "ce-type", "t", "Content-Type", "application/json"), "nope".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the body, whose content type is application/json, is not JSON: ");
    }

    @Test
    void percentDecodesHeaderValuesAsTheSpecsExampleDoes() {
        CloudEvent event = HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s",
                "ce-type", "t", "ce-subject", "Euro%20%E2%82%AC%20%F0%9F%98%80", "ce-percent", "100%25"), DATA);

        assertThat(event.subject()).isEqualTo("Euro € 😀");
        assertThat(event.extension("percent")).isEqualTo("100%");
    }

    @Test
    void unquotesQuotedStringsBeforePercentDecoding() {
        CloudEvent event = HttpCloudEvents.single(headers("ce-specversion", "\"1.0\"", "ce-id", "1", "ce-source", "/s",
                "ce-type", "t", "ce-subject", "\"a \\\"quoted\\\" %41\" tail"), DATA);

        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(event.subject()).isEqualTo("a \"quoted\" A tail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100%", "%4", "%G1", "%%41"})
    void refusesAPercentThatTwoHexDigitsDoNotFollow(String subject) {
        assertThatThrownBy(() -> binaryWithSubject(subject)).isInstanceOf(CloudEventException.class)
                .hasMessageContaining("the header ce-subject has a % at position")
                .extracting("attribute").isEqualTo("ce-subject");
    }

    @Test
    void refusesPercentEncodedBytesThatAreNotUtf8() {
        assertThatThrownBy(() -> binaryWithSubject("%C3%28"))
                .hasMessage("the header ce-subject percent-encodes bytes that are not UTF-8");
        assertThatThrownBy(() -> binaryWithSubject("%ED%A0%80")).as("an encoded surrogate is not UTF-8")
                .hasMessage("the header ce-subject percent-encodes bytes that are not UTF-8");
    }

    @Test
    void refusesAHeaderValueThatIsNotPrintableAscii() {
        assertThatThrownBy(() -> binaryWithSubject("Euro €"))
                .hasMessage("the header ce-subject contains U+20AC at position 5: a header holds printable US-ASCII"
                        + " only, the rest percent-encoded");
        assertThatThrownBy(() -> binaryWithSubject("\"unclosed"))
                .hasMessage("the header ce-subject has a quoted string that is not closed");
    }

    @Test
    void refusesAHeaderThatAppearsTwice() {
        Map<String, Collection<String>> twice = headers("ce-specversion", "1.0", "ce-source", "/s", "ce-type", "t");
        twice.put("ce-id", List.of("1", "2"));
        assertThatThrownBy(() -> HttpCloudEvents.single(twice, DATA)).hasMessage("the header ce-id appears more than"
                + " once");

        Map<String, Collection<String>> inTwoCases = new TreeMap<>(headers("ce-specversion", "1.0", "ce-id", "1",
                "ce-source", "/s", "ce-type", "t"));
        inTwoCases.put("CE-ID", List.of("2"));
        assertThatThrownBy(() -> HttpCloudEvents.single(inTwoCases, DATA)).hasMessage("the header ce-id appears"
                + " more than once");
    }

    @Test
    void refusesDatacontenttypeAsAHeaderOfItsOwn() {
        assertThatThrownBy(() -> HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-id", "1", "ce-source",
                "/s", "ce-type", "t", "ce-datacontenttype", "application/json"), DATA))
                .hasMessage("in binary mode datacontenttype is the Content-Type header, not ce-datacontenttype");
    }

    @Test
    void refusesAHeaderThatNamesNoAttribute() {
        assertThatThrownBy(() -> HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-id", "1", "ce-source",
                "/s", "ce-type", "t", "ce-my_extension", "x"), DATA))
                .hasMessage("header ce-my_extension: the attribute 'my_extension' is not a CloudEvents attribute"
                        + " name: names are lower-case letters a-z and digits 0-9 only");
    }

    @Test
    void refusesARequestThatIsNoCloudEvent() {
        assertThatThrownBy(() -> HttpCloudEvents.single(headers("Content-Type", "application/json"), DATA))
                .hasMessage("the request is not a CloudEvent: it has no ce-specversion header (binary mode) and its"
                        + " Content-Type is not application/cloudevents+json");
    }

    @Test
    void refusesABinaryModeEventWithoutARequiredAttribute() {
        assertThatThrownBy(() -> HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-source", "/s",
                "ce-type", "t"), DATA)).hasMessage("id is required");
    }

    @Test
    void readsTheStructuredExampleAgainAfterWritingIt() {
        byte[] written = bytes(json("structured/cdevent_service_deployed.json"));

        CloudEvent event = HttpCloudEvents.single(headers("Content-Type", HttpCloudEvents.STRUCTURED), written);

        assertThat(event.type()).isEqualTo("dev.cdevents.service.deployed.0.2.0");
        assertThat(event.subject()).isEqualTo("mySubject123");
        assertThat(event.data().get("subject").get("content").get("environment").get("id").asString())
                .isEqualTo("test123");
    }

    private static CloudEvent binaryWithSubject(String subject) {
        return HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s", "ce-type", "t",
                "ce-subject", subject), DATA);
    }
}
