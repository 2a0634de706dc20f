package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestEventTest {

    private final IngestEvent event = new IngestEvent("run-batch-latency-3", "svc", "benchmark", "latency.3");

    @Test
    void isTheNativeItemOfADeploymentWithoutASequenceNumber() {
        assertThat(event.json()).isEqualTo("""
                {"type":"deployment.recorded","idempotencyKey":"run-batch-latency-3","data":{"service":"svc",\
                "environment":"benchmark","version":"latency.3","actor":"benchmark"}}""");
        assertThat(event.utf8()).isEqualTo(event.json().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void saysWhenItOccurredOnlyWhenItKnows() {
        IngestEvent sampled = new IngestEvent("k", "svc-sampled", "benchmark", "latency.0",
                Instant.parse("2026-12-07T02:00:00.123Z"));

        assertThat(sampled.json()).isEqualTo("""
                {"type":"deployment.recorded","idempotencyKey":"k","data":{"service":"svc-sampled",\
                "environment":"benchmark","version":"latency.0","occurredAt":"2026-12-07T02:00:00.123Z",\
                "actor":"benchmark"}}""");
        assertThat(event.occurredAt()).isNull();
    }

    @Test
    void aBatchIsAJsonArrayOfItems() {
        IngestEvent second = new IngestEvent("k2", "svc", "benchmark", "latency.4");

        assertThat(IngestEvent.batch(List.of(event, second))).isEqualTo("[" + event.json() + "," + second.json() + "]");
        assertThat(IngestEvent.batch(List.of())).isEqualTo("[]");
    }

    @Test
    void escapesWhatWouldEndOrBreakAJsonString() {
        StringBuilder out = new StringBuilder();

        IngestEvent.string(out, "pre\"prod\\eu\n\t\u0001");

        assertThat(out).hasToString("\"pre\\\"prod\\\\eu\\n\\t\\u0001\"");
    }
}
