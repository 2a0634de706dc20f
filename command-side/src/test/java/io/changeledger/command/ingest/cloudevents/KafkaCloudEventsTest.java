package io.changeledger.command.ingest.cloudevents;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.JSON;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CloudEvents Kafka protocol binding 1.0.2: structured and binary mode, the key as partitionkey. */
class KafkaCloudEventsTest {

    private static final byte[] DATA = "{\"appinfoA\":\"abc\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsAStructuredModeRecord() {
        ConsumerRecord<String, byte[]> record = record("mykey", resource("structured/cdevent_service_deployed.json"),
                headers("content-type", "application/cloudevents+json; charset=UTF-8"));

        CloudEvent event = KafkaCloudEvents.read(record);

        assertThat(event.type()).isEqualTo("dev.cdevents.service.deployed.0.2.0");
        assertThat(event.id()).isEqualTo("271069a8-fc18-44f1-b38f-9d70a1695819");
        assertThat(event.extension("partitionkey")).isEqualTo("mykey");
    }

    @Test
    void readsTheSpecsBinaryModeExample() {
        Headers headers = headers("ce_specversion", "1.0", "ce_type", "com.example.someevent",
                "ce_source", "/mycontext/subcontext", "ce_id", "1234-1234-1234", "ce_time", "2018-04-05T03:56:24Z",
                "content-type", "application/avro");
        byte[] avro = {0x06, 'a', 'b', 'c'};

        CloudEvent event = KafkaCloudEvents.read(headers, "mykey", avro);

        assertThat(event.type()).isEqualTo("com.example.someevent");
        assertThat(event.source()).isEqualTo("/mycontext/subcontext");
        assertThat(event.time().toInstant()).hasToString("2018-04-05T03:56:24Z");
        assertThat(event.datacontenttype()).isEqualTo("application/avro");
        assertThat(event.data().binaryValue()).isEqualTo(avro);
        assertThat(event.extensions()).containsEntry("partitionkey", "mykey");
    }

    @Test
    void readsABinaryModeJsonValueAsJsonData() {
        CloudEvent event = KafkaCloudEvents.read(binary("content-type", "application/json"), null, DATA);

        assertThat(event.data()).isEqualTo(JSON.readTree(DATA));
        assertThat(event.extensions()).as("no key, no partitionkey").isEmpty();
    }

    @Test
    void readsABinaryModeValueWithoutContentTypeAsJson() {
        CloudEvent event = KafkaCloudEvents.read(binary(), null, DATA);

        assertThat(event.datacontenttype()).isNull();
        assertThat(event.data().get("appinfoA").asString()).isEqualTo("abc");
    }

    @Test
    void readsATombstoneInBinaryModeAsAnEventWithoutData() {
        assertThat(KafkaCloudEvents.read(binary(), null, null).data()).isNull();
    }

    @Test
    void takesHeaderValuesAsUtf8WithoutPercentDecoding() {
        CloudEvent event = KafkaCloudEvents.read(binary("ce_subject", "Euro € 😀 100%"), null, DATA);

        assertThat(event.subject()).isEqualTo("Euro € 😀 100%");
    }

    @Test
    void keepsAnExplicitPartitionkeyOverTheRecordKey() {
        CloudEvent event = KafkaCloudEvents.read(binary("ce_partitionkey", "tenant-1"), "other", DATA);

        assertThat(event.extension("partitionkey")).isEqualTo("tenant-1");
    }

    @Test
    void refusesAHeaderThatIsNotUtf8() {
        Headers headers = binary();
        headers.add("ce_subject", new byte[]{(byte) 0xC3, 0x28});

        assertThatThrownBy(() -> KafkaCloudEvents.read(headers, null, DATA))
                .isInstanceOf(CloudEventException.class).hasMessage("the header ce_subject is not UTF-8");
    }

    @Test
    void refusesAHeaderThatAppearsTwice() {
        Headers headers = binary();
        headers.add("ce_id", "2".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> KafkaCloudEvents.read(headers, null, DATA))
                .hasMessage("the header ce_id appears more than once");
    }

    @Test
    void refusesAnUpperCaseAttributeName() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(binary("ce_MyExt", "x"), null, DATA))
                .hasMessage("header ce_MyExt: the attribute 'MyExt' is not a CloudEvents attribute name: names are"
                        + " lower-case letters a-z and digits 0-9 only");
    }

    @Test
    void refusesDatacontenttypeAsAHeaderOfItsOwn() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(binary("ce_datacontenttype", "application/json"), null, DATA))
                .hasMessage("in binary mode datacontenttype is the content-type header, not ce_datacontenttype");
    }

    @Test
    void refusesARecordThatIsNoCloudEvent() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(headers("content-type", "application/json"), "k", DATA))
                .hasMessage("the record is not a CloudEvent: it has no ce_specversion header (binary mode) and its"
                        + " content-type is not application/cloudevents+json");
    }

    @Test
    void refusesABatchBecauseTheKafkaBindingHasNone() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(headers("content-type", HttpCloudEvents.BATCH), null,
                resource("structured/batch.json")))
                .hasMessage("the Kafka binding has no batched mode: send one event a record");
    }

    @Test
    void refusesAnEventFormatOtherThanJson() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(headers("content-type", "application/cloudevents+protobuf"),
                null, DATA))
                .hasMessage("the event format application/cloudevents+protobuf is not supported: send"
                        + " application/cloudevents+json or binary mode");
    }

    @Test
    void refusesAStructuredModeRecordWithoutValue() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(headers("content-type", HttpCloudEvents.STRUCTURED), null,
                null)).hasMessage("the record has no value, and in structured mode the value is the event");
    }

    @Test
    void refusesAJsonValueThatIsNotJson() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(binary("content-type", "application/json"), null,
                "{".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the record's value, whose content type is application/json, is not JSON: ");
    }

    /** A binary-mode record's headers with the required attributes, and more. */
    private static Headers binary(String... more) {
        Headers headers = headers("ce_specversion", "1.0", "ce_id", "1", "ce_source", "/s", "ce_type", "t");
        for (int i = 0; i < more.length; i += 2) {
            headers.add(more[i], more[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static Headers headers(String... namesAndValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value, Headers headers) {
        return new ConsumerRecord<>("changeledger.ingest", 0, 0L, 0L, TimestampType.CREATE_TIME, -1, -1, key, value,
                headers, Optional.empty());
    }
}
