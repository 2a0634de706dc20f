package io.changeledger.events;

import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.events.wire.LedgerRecordCodec;
import io.changeledger.events.wire.WireFormatException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerRecordCodecTest {

    private static final String TOPIC = "changeledger.events";

    private final LedgerRecordCodec codec = new LedgerRecordCodec();

    private static LedgerEnvelope fullDeployment() {
        var event = new DeploymentRecorded("5b0f3c1e-8f0a-4c39-9d57-0d3c9a6f2b11", "checkout", "production", "1.4.2",
                "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "alice", "OPS-42", "api",
                Instant.parse("2026-11-26T10:00:00Z"));
        return LedgerEnvelope.wrap(UUID.fromString("0e6f4a52-3f0c-4b8f-a6c1-2f4d7e9b1c30"),
                Instant.parse("2026-11-26T10:00:01.250Z"), 42, event);
    }

    private static LedgerEnvelope minimalDeployment() {
        var event = new DeploymentRecorded("a3e1d7c2-6b54-4e0f-8a9d-1c2b3d4e5f60", "payments", "staging",
                "2026.11.26-1", null, "deploy-bot", null, "api", Instant.parse("2026-11-26T09:30:00.123456Z"));
        return LedgerEnvelope.wrap(UUID.fromString("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"),
                Instant.parse("2026-11-26T09:30:00.200Z"), 7, event);
    }

    @Test
    void writesADeploymentExactlyAsTheGoldenFixture() {
        assertWrittenAsGolden(fullDeployment(), "DeploymentRecorded-1");
    }

    @Test
    void leavesAbsentOptionalFieldsOutOfThePayload() {
        assertWrittenAsGolden(minimalDeployment(), "DeploymentRecorded-1-minimal");
    }

    @Test
    void readsTheGoldenFixturesBack() {
        assertThat(codec.fromRecord(GoldenRecord.load("DeploymentRecorded-1").toConsumerRecord(TOPIC)))
                .isEqualTo(fullDeployment());
        assertThat(codec.fromRecord(GoldenRecord.load("DeploymentRecorded-1-minimal").toConsumerRecord(TOPIC)))
                .isEqualTo(minimalDeployment());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writesEveryEventTypeExactlyAsItsGoldenFixture(String fixture, LedgerEnvelope envelope) {
        assertWrittenAsGolden(envelope, fixture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsEveryGoldenFixtureBackToTheSameEvent(String fixture, LedgerEnvelope envelope) {
        assertThat(codec.fromRecord(GoldenRecord.load(fixture).toConsumerRecord(TOPIC))).isEqualTo(envelope);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChangeKind.class)
    void writesTheDetailsOfEveryKindOfChangeAsTheirGoldenFixture(ChangeKind kind) {
        ChangeDetails details = SampleEvents.details().get(kind);
        var recorded = new ChangeRecorded("c-1", details, "checkout", "production", "alice", "api", null,
                ChangeOutcome.COMPLETED, false, SampleEvents.PRODUCTION_POLICY, null, null, SampleEvents.AT);
        String payload = new String(codec.payload(recorded), StandardCharsets.UTF_8);

        assertThat(payload).contains("\"details\":" + GoldenRecord.loadJson("details/" + kind) + ",");
        var record = codec.toRecord(TOPIC, LedgerEnvelope.wrap(UUID.randomUUID(), SampleEvents.AT, 1, recorded), 0);
        assertThat(codec.fromRecord(GoldenRecord.toConsumerRecord(TOPIC, record.key(), headersOf(record), payload)))
                .extracting(LedgerEnvelope::event).isEqualTo(recorded);
    }

    @Test
    void givesALeafEncodedBeforeItsPlaceWasKnownAsTheRecordAtThatPlaceCarries() {
        LedgerRecordCodec.Encoded encoded = codec.encode(fullDeployment());

        var record = encoded.toRecord(TOPIC, 5);

        assertThat(encoded.leaf(5)).isEqualTo(codec.leafOf(record.headers()));
        assertThat(record.value()).isEqualTo(codec.toRecord(TOPIC, fullDeployment(), 5).value());
        assertThat(codec.decode(new ConsumerRecord<>(TOPIC, 0, 0L, -1L, TimestampType.NO_TIMESTAMP_TYPE, -1, -1,
                record.key(), record.value(), record.headers(), Optional.empty())).leaf()).isEqualTo(encoded.leaf(5));
    }

    @Test
    void rejectsAnUnknownKindOfChange() {
        var golden = GoldenRecord.load("ChangeRecorded-1");
        String payload = golden.payload().replace("\"kind\":\"HOTFIX\"", "\"kind\":\"REBOOT\"");
        assertRejected(new GoldenRecord(golden.key(), golden.headers(), payload), "REBOOT");
    }

    static Stream<Arguments> samples() {
        return SampleEvents.envelopes().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void rejectsAnUnknownEventType() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        assertRejected(withHeader(golden, "event-type", "DeploymentRecordedV2"), "unknown event type");
    }

    @Test
    void rejectsARevisionItDoesNotKnow() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        assertRejected(withHeader(golden, "event-revision", "2"), "revision");
    }

    @Test
    void rejectsARecordWithoutAnEventId() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        Map<String, String> headers = new LinkedHashMap<>(golden.headers());
        headers.remove("event-id");
        assertRejected(new GoldenRecord(golden.key(), headers, golden.payload()), "'event-id' is missing");
    }

    @Test
    void rejectsAMalformedGlobalSequence() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        assertRejected(withHeader(golden, "global-sequence", "forty-two"), "'global-sequence' has a malformed value");
    }

    @Test
    void rejectsAPayloadChangedAfterTheLedgerHashedIt() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        String payload = golden.payload().replace("\"version\":\"1.4.2\"", "\"version\":\"1.4.3\"");
        assertThat(payload).isNotEqualTo(golden.payload());
        assertRejected(new GoldenRecord(golden.key(), golden.headers(), payload), "record was altered");
    }

    @Test
    void rejectsARecordOutsideTheLedgerTree() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        Map<String, String> headers = new LinkedHashMap<>(golden.headers());
        headers.remove("ledger-sequence");
        assertRejected(new GoldenRecord(golden.key(), headers, golden.payload()), "'ledger-sequence' is missing");
    }

    @Test
    void acceptsTheSameEventInAnotherJsonLayoutSinceTheLeafIsOverItsCanonicalForm() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        String spaced = golden.payload().replace("{\"", "{ \"").replace("\",\"", "\", \"");
        assertThat(spaced).isNotEqualTo(golden.payload());
        var record = GoldenRecord.toConsumerRecord(TOPIC, golden.key(), golden.headers(), spaced);

        assertThat(codec.fromRecord(record)).isEqualTo(fullDeployment());
        assertThat(codec.leafOf(record.headers()).sequence()).isEqualTo(41);
    }

    @Test
    void rejectsAPayloadWithAFieldTheRevisionDoesNotHave() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        String payload = golden.payload().replace("\"actor\":", "\"approver\":\"bob\",\"actor\":");
        assertRejected(new GoldenRecord(golden.key(), golden.headers(), payload), "approver");
    }

    @Test
    void rejectsAPayloadWithoutARequiredField() {
        var golden = GoldenRecord.load("DeploymentRecorded-1-minimal");
        String payload = golden.payload().replace("\"service\":\"payments\",", "");
        assertRejected(new GoldenRecord(golden.key(), golden.headers(), payload), "not a valid DeploymentRecorded");
    }

    @Test
    void rejectsAPayloadThatIsNotJson() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        assertRejected(new GoldenRecord(golden.key(), golden.headers(), "{not json"), "not a valid DeploymentRecorded");
    }

    @Test
    void rejectsAKeyThatIsNotTheAggregateId() {
        var golden = GoldenRecord.load("DeploymentRecorded-1");
        assertRejected(new GoldenRecord("someone-else", golden.headers(), golden.payload()), "aggregate id");
    }

    private void assertWrittenAsGolden(LedgerEnvelope envelope, String fixture) {
        GoldenRecord golden = GoldenRecord.load(fixture);
        ProducerRecord<String, byte[]> record = codec.toRecord(TOPIC, envelope, envelope.globalSequence() - 1);

        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(record.key()).isEqualTo(golden.key());
        assertThat(headersOf(record)).containsExactlyEntriesOf(golden.headers());
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(golden.payload());
    }

    private static Map<String, String> headersOf(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static GoldenRecord withHeader(GoldenRecord golden, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(golden.headers());
        headers.put(name, value);
        return new GoldenRecord(golden.key(), headers, golden.payload());
    }

    private void assertRejected(GoldenRecord record, String reason) {
        assertThatThrownBy(() -> codec.fromRecord(record.toConsumerRecord(TOPIC)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining(reason);
    }
}
