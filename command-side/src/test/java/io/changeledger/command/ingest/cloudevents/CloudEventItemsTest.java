package io.changeledger.command.ingest.cloudevents;

import io.changeledger.command.change.ChangeRequests;
import io.changeledger.command.ingest.IngestItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.headers;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every CloudEvent becomes on the ledger: its key, its sequence, and the ledger's own item types. */
class CloudEventItemsTest {

    @Test
    void recordsTheLedgersOwnTypeWithItsDataUnchanged() {
        ObjectNode sent = json("structured/native_deployment_recorded.json");

        IngestItem item = CloudEventItems.toItem(JsonFormat.event(sent));

        assertThat(item.type()).isEqualTo("deployment.recorded");
        assertThat(item.idempotencyKey()).isEqualTo("https://ci.example.com/pipelines/checkout run-8812");
        assertThat(item.sequence()).isEqualTo(42L);
        assertThat(item.data()).isEqualTo(sent.get("data"));
        ChangeRequests.RecordDeployment deployment = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .treeToValue(item.data(), ChangeRequests.RecordDeployment.class);
        assertThat(deployment.version()).isEqualTo("1.4.2");
    }

    @Test
    void recordsTheLedgersOwnTypeFromJsonDataBase64() {
        IngestItem item = CloudEventItems.toItem(JsonFormat.event(json("structured/data_base64_json.json")));

        assertThat(item.type()).isEqualTo("deployment.recorded");
        assertThat(item.data().get("actor").asString()).isEqualTo("deploy-bot");
    }

    @Test
    void keysTwoEventsApartThatAConcatenationWithoutSeparatorWouldNot() {
        IngestItem first = CloudEventItems.toItem(nativeEvent("/a", "b/c"));
        IngestItem second = CloudEventItems.toItem(nativeEvent("/ab/", "c"));

        assertThat(first.idempotencyKey()).isEqualTo("/a b/c").isNotEqualTo(second.idempotencyKey());
    }

    @Test
    void refusesAKeyLongerThanTheLedgerKeeps() {
        String id = "x".repeat(CloudEventItems.MAX_KEY - "/s ".length());
        assertThat(CloudEventItems.toItem(nativeEvent("/s", id)).idempotencyKey()).hasSize(CloudEventItems.MAX_KEY);

        assertThatThrownBy(() -> CloudEventItems.toItem(nativeEvent("/s", id + "x")))
                .isInstanceOf(CloudEventException.class)
                .hasMessage("source, a space and id make an idempotency key of 501 characters, and the ledger"
                        + " keeps keys of at most 500");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "000123", "9223372036854775807"})
    void takesTheSequenceExtensionAsTheItemsSequence(String sequence) {
        ObjectNode sent = json("structured/native_deployment_recorded.json").put("sequence", sequence);

        assertThat(CloudEventItems.toItem(JsonFormat.event(sent)).sequence()).isEqualTo(Long.parseLong(sequence));
    }

    @Test
    void takesASequenceSentAsJsonInteger() {
        ObjectNode sent = json("structured/native_deployment_recorded.json").put("sequence", 17);

        assertThat(CloudEventItems.toItem(JsonFormat.event(sent)).sequence()).isEqualTo(17L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "4.2", "1e3", "abc", " 1", "9223372036854775808", "99999999999999999999"})
    void refusesASequenceThatIsNoDecimalInteger(String sequence) {
        ObjectNode sent = json("structured/native_deployment_recorded.json").put("sequence", sequence);

        assertThatThrownBy(() -> CloudEventItems.toItem(JsonFormat.event(sent)))
                .hasMessage("extension sequence '" + sequence + "' must be a decimal integer from 0 to"
                        + " 9223372036854775807")
                .extracting("attribute").isEqualTo("sequence");
    }

    @Test
    void refusesTheLedgersOwnPrefixWithoutAnItemType() {
        ObjectNode sent = json("structured/native_deployment_recorded.json").put("type", "io.changeledger.");

        assertThatThrownBy(() -> CloudEventItems.toItem(JsonFormat.event(sent)))
                .hasMessage("CloudEvent type io.changeledger. names no item type; send io.changeledger.<item type>,"
                        + " such as io.changeledger.deployment.recorded");
    }

    @Test
    void refusesTheLedgersOwnTypeWithoutJsonObjectData() {
        ObjectNode withoutData = json("structured/native_deployment_recorded.json");
        withoutData.remove("data");
        assertThatThrownBy(() -> CloudEventItems.toItem(JsonFormat.event(withoutData)))
                .hasMessage("the event has no data, and the item's fields are its data");

        ObjectNode arrayData = json("structured/native_deployment_recorded.json");
        arrayData.putArray("data");
        assertThatThrownBy(() -> CloudEventItems.toItem(JsonFormat.event(arrayData)))
                .hasMessage("data must be a JSON object with the item's fields, not array");

        CloudEvent text = HttpCloudEvents.single(headers("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s",
                "ce-type", "io.changeledger.deployment.recorded", "Content-Type", "text/plain"),
                "service=checkout".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventItems.toItem(text))
                .hasMessage("datacontenttype text/plain is not JSON, and the item's fields are JSON"
                        + " (application/json)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.someevent", "io.changeledgerx.deployment.recorded", "dev.cdeventsx.foo"})
    void refusesATypeThatIsNeitherCdEventsNorTheLedgersOwn(String type) {
        ObjectNode sent = json("structured/json_format_example.json").put("type", type);

        assertThatThrownBy(() -> CloudEventItems.toItem(JsonFormat.event(sent)))
                .hasMessage("CloudEvent type '" + type + "' is not one the ledger records: send CDEvents"
                        + " (dev.cdevents.*) or the ledger's own item types as io.changeledger.<item type>, such as"
                        + " io.changeledger.deployment.recorded");
    }

    private static CloudEvent nativeEvent(String source, String id) {
        return JsonFormat.event(json("structured/native_deployment_recorded.json").put("source", source).put("id", id));
    }
}
