package io.changeledger.command.ingest.cloudevents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.JSON;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CloudEvents 1.0.2 attributes and type system, as the JSON event format carries them. */
class CloudEventTest {

    @Test
    void readsTheJsonFormatSpecExampleFieldForField() {
        CloudEvent event = JsonFormat.event(json("structured/json_format_example.json"));

        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(event.type()).isEqualTo("com.example.someevent");
        assertThat(event.source()).isEqualTo("/mycontext");
        assertThat(event.id()).isEqualTo("C234-1234-1234");
        assertThat(event.subject()).as("a null member is an unset attribute").isNull();
        assertThat(event.time()).isEqualTo(OffsetDateTime.of(2018, 4, 5, 17, 31, 0, 0, ZoneOffset.UTC));
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(event.dataschema()).isNull();
        assertThat(event.extensions()).containsExactly(Map.entry("comexampleextension1", "value"),
                Map.entry("comexampleothervalue", "5"));
        assertThat(event.data()).isEqualTo(JSON.readTree("{\"appinfoA\":\"abc\",\"appinfoB\":123,\"appinfoC\":true}"));
        assertThat(event.hasJsonData()).isTrue();
    }

    @Test
    void keepsTheBytesOfNonJsonDataBase64AndLeavesOutNullExtensions() {
        CloudEvent event = JsonFormat.event(json("structured/data_base64_example.json"));

        assertThat(event.datacontenttype()).isEqualTo("application/vnd.apache.thrift.binary");
        assertThat(event.data().binaryValue()).containsExactly(0x0b, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 'a', 'b', 'c',
                0x00);
        assertThat(event.hasJsonData()).isFalse();
        assertThat(event.extensions()).doesNotContainKey("unsetextension");
    }

    @Test
    void parsesJsonDataBase64WhenTheContentTypeIsJson() {
        CloudEvent event = JsonFormat.event(json("structured/data_base64_json.json"));

        assertThat(event.data().get("service").asString()).isEqualTo("checkout");
        assertThat(event.hasJsonData()).isTrue();
    }

    @Test
    void keepsDataBase64WithoutDatacontenttypeAsBytesOfUnknownType() {
        ObjectNode sent = json("structured/data_base64_json.json");
        sent.remove("datacontenttype");

        CloudEvent event = JsonFormat.event(sent);

        assertThat(event.data().isBinary()).isTrue();
        assertThat(event.hasJsonData()).isFalse();
        assertThatThrownBy(() -> CloudEventItems.toItem(event))
                .hasMessage("the data is bytes of no stated type (data_base64 without datacontenttype), and the"
                        + " item's fields are JSON (application/json)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type"})
    void refusesAnEventWithoutARequiredAttribute(String attribute) {
        ObjectNode event = json("structured/json_format_example.json");
        event.remove(attribute);

        assertThatThrownBy(() -> JsonFormat.event(event)).isInstanceOf(CloudEventException.class)
                .hasMessage(attribute + " is required")
                .extracting("attribute").isEqualTo(attribute);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type", "subject"})
    void refusesAnEmptyStringAttribute(String attribute) {
        ObjectNode event = json("structured/json_format_example.json").put(attribute, "");

        assertThatThrownBy(() -> JsonFormat.event(event)).hasMessage(attribute + " must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1", "1.0.2", "2.0"})
    void refusesEverySpecversionButOnePointZero(String specversion) {
        ObjectNode event = json("structured/json_format_example.json").put("specversion", specversion);

        assertThatThrownBy(() -> JsonFormat.event(event))
                .hasMessage("specversion '" + specversion + "' is not supported: the ledger reads CloudEvents 1.0");
    }

    @Test
    void refusesAContextAttributeThatIsNotAJsonString() {
        ObjectNode event = json("structured/json_format_example.json").put("id", 1234);

        assertThatThrownBy(() -> JsonFormat.event(event)).hasMessage("id must be a JSON string, not number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/my context", "https://example.com/ä", "http://[::1", "%zz"})
    void refusesASourceThatIsNotAUriReference(String source) {
        ObjectNode event = json("structured/json_format_example.json").put("source", source);

        assertThatThrownBy(() -> JsonFormat.event(event)).isInstanceOf(CloudEventException.class)
                .hasMessageStartingWith("source '" + source + "' is not a URI-reference:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/cloudevents", "mailto:cncf-wg-serverless@lists.cncf.io",
            "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "/cloudevents/spec/pull/123", "/sensors/tn-1234567/alerts",
            "1-555-123-4567", "my%20context"})
    void acceptsTheSpecsSourceExamples(String source) {
        ObjectNode event = json("structured/json_format_example.json").put("source", source);

        assertThat(JsonFormat.event(event).source()).isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-04-05T17:31Z", "2018-04-05 17:31:00Z", "2018-04-05T17:31:00", "2018-04-05",
            "2018-02-30T17:31:00Z", "2018-04-05T25:31:00Z", "2018-04-05T17:31:00+25:00", "1522949460"})
    void refusesATimeThatIsNotRfc3339(String time) {
        ObjectNode event = json("structured/json_format_example.json").put("time", time);

        assertThatThrownBy(() -> JsonFormat.event(event)).isInstanceOf(CloudEventException.class)
                .hasMessageContaining("time '" + time + "' is not")
                .extracting("attribute").isEqualTo("time");
    }

    @Test
    void readsEveryRfc3339FormOfTime() {
        assertThat(time("2018-04-05t17:31:00z").toInstant()).isEqualTo(Instant.parse("2018-04-05T17:31:00Z"));
        assertThat(time("2018-04-05T19:31:00.123456789012+02:00").toInstant())
                .isEqualTo(Instant.parse("2018-04-05T17:31:00.123456789Z"));
        assertThat(time("2016-12-31T23:59:60Z").toInstant()).as("a leap second")
                .isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
        assertThat(time("2018-04-05T17:31:00-07:00").getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"comExample", "com_example", "com-example", "ümlaut", ""})
    void refusesAnExtensionNameOutsideLowerCaseLettersAndDigits(String name) {
        ObjectNode event = json("structured/json_format_example.json").put(name, "value");

        assertThatThrownBy(() -> JsonFormat.event(event)).isInstanceOf(CloudEventException.class)
                .hasMessage("member '" + name + "' is not a CloudEvents attribute name: names are lower-case letters"
                        + " a-z and digits 0-9 only");
    }

    @Test
    void acceptsAnExtensionNameLongerThanTheRecommendedTwentyCharacters() {
        ObjectNode event = json("structured/json_format_example.json").put("averyverylongextensionname", "x");

        assertThat(JsonFormat.event(event).extension("averyverylongextensionname")).isEqualTo("x");
    }

    @Test
    void refusesAnExtensionNamedLikeTheData() {
        assertThatThrownBy(() -> new CloudEvent("1.0", "1", "/s", "t", null, null, null, null, null,
                Map.of("data", "x"))).hasMessage("'data' is a context attribute or the data, not an extension");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "del\u007f", "c1\u0085", "lone\ud800", "non\ufdd0char",
            "non\uffff"})
    void refusesAStringThatTheCloudEventsTypeSystemForbids(String id) {
        ObjectNode event = json("structured/json_format_example.json").put("id", id);

        assertThatThrownBy(() -> JsonFormat.event(event)).isInstanceOf(CloudEventException.class)
                .hasMessageStartingWith("attribute id contains ")
                .hasMessageEndingWith("which a CloudEvents String may not hold");
    }

    @Test
    void acceptsPairedSurrogatesInAString() {
        ObjectNode event = json("structured/json_format_example.json").put("subject", "emoji \ud83d\ude00");

        assertThat(JsonFormat.event(event).subject()).isEqualTo("emoji 😀");
    }

    @Test
    void keepsBooleanAndIntegerExtensionsInCanonicalStringForm() {
        ObjectNode event = json("structured/json_format_example.json").put("flag", true).put("count", -2147483648);

        assertThat(JsonFormat.event(event).extensions()).containsEntry("flag", "true").containsEntry("count",
                "-2147483648");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "1.5", "{}", "[]"})
    void refusesAnExtensionThatIsNoCloudEventsType(String value) {
        ObjectNode event = json("structured/json_format_example.json");
        event.set("odd", JSON.readTree(value));

        assertThatThrownBy(() -> JsonFormat.event(event)).isInstanceOf(CloudEventException.class)
                .hasMessageStartingWith("extension odd must be a string, a boolean or an integer from -2147483648 to"
                        + " 2147483647, not ");
    }

    @Test
    void refusesADataschemaThatIsNotAnAbsoluteUri() {
        ObjectNode event = json("structured/json_format_example.json").put("dataschema", "/schemas/v1");

        assertThatThrownBy(() -> JsonFormat.event(event)).hasMessage("dataschema '/schemas/v1' must be an absolute"
                + " URI");
        assertThat(JsonFormat.event(event.put("dataschema", "https://example.com/schemas/v1")).dataschema())
                .isEqualTo("https://example.com/schemas/v1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "application/", "application/json;", "application json", "text/plain; charset"})
    void refusesADatacontenttypeThatIsNotAMediaType(String type) {
        ObjectNode event = json("structured/json_format_example.json").put("datacontenttype", type);

        assertThatThrownBy(() -> JsonFormat.event(event)).hasMessage("datacontenttype '" + type + "' is not a media"
                + " type (RFC 2046) such as application/json");
    }

    @Test
    void treatsSuffixedJsonMediaTypesAsJson() {
        assertThat(Attributes.isJson("application/vnd.api+json; charset=utf-8")).isTrue();
        assertThat(Attributes.isJson("Application/JSON")).isTrue();
        assertThat(Attributes.isJson(null)).as("absent: JSON, as the JSON format assumes").isTrue();
        assertThat(Attributes.isJson("application/xml")).isFalse();
    }

    @Test
    void refusesDataAndDataBase64Together() {
        ObjectNode event = json("structured/json_format_example.json").put("data_base64", "e30=");

        assertThatThrownBy(() -> JsonFormat.event(event)).hasMessage("an event has data or data_base64, not both");
    }

    @Test
    void refusesDataBase64ThatIsNotBase64() {
        ObjectNode event = json("structured/data_base64_example.json").put("data_base64", "not base64!");

        assertThatThrownBy(() -> JsonFormat.event(event)).hasMessageStartingWith("data_base64 is not Base64");
    }

    @Test
    void refusesJsonDataBase64ThatIsNotJson() {
        ObjectNode event = json("structured/data_base64_json.json").put("data_base64", "bm90IGpzb24=");

        assertThatThrownBy(() -> JsonFormat.event(event))
                .hasMessageStartingWith("data_base64, whose datacontenttype is JSON, is not JSON");
    }

    @Test
    void refusesAStructuredEventThatIsNotAJsonObject() {
        assertThatThrownBy(() -> JsonFormat.event(JSON.readTree("[1]")))
                .hasMessage("a structured CloudEvent must be a JSON object, not array");
    }

    private static OffsetDateTime time(String time) {
        return JsonFormat.event(json("structured/json_format_example.json").put("time", time)).time();
    }
}
