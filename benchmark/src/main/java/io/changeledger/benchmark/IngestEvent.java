package io.changeledger.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One deployment as a tool sends it to the ingest endpoints: the ledger's native item, the same JSON in a batch
 * and as the value of a Kafka record. No {@code sequence}: a numbered item makes the command side lock the source's
 * row to check for gaps, which would serialise every event of the run through one row; the benchmark leaves that
 * out and measures ingestion as such.
 *
 * @param version    unique within the run, so that no event correlates with another into one change
 * @param occurredAt when the event happened, by the benchmark's clock; null leaves it to the ledger's
 */
record IngestEvent(String idempotencyKey, String service, String environment, String version, Instant occurredAt) {

    IngestEvent(String idempotencyKey, String service, String environment, String version) {
        this(idempotencyKey, service, environment, version, null);
    }

    static final String TYPE = "deployment.recorded";

    String json() {
        StringBuilder out = new StringBuilder(192);
        appendTo(out);
        return out.toString();
    }

    byte[] utf8() {
        return json().getBytes(StandardCharsets.UTF_8);
    }

    void appendTo(StringBuilder out) {
        out.append("{\"type\":\"").append(TYPE).append("\",\"idempotencyKey\":");
        string(out, idempotencyKey);
        out.append(",\"data\":{\"service\":");
        string(out, service);
        out.append(",\"environment\":");
        string(out, environment);
        out.append(",\"version\":");
        string(out, version);
        if (occurredAt != null) {
            out.append(",\"occurredAt\":");
            string(out, occurredAt.toString());
        }
        out.append(",\"actor\":\"benchmark\"}}");
    }

    /** A batch request's body: a JSON array of items. */
    static String batch(List<IngestEvent> events) {
        StringBuilder out = new StringBuilder(events.size() * 192 + 2);
        out.append('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            events.get(i).appendTo(out);
        }
        return out.append(']').toString();
    }

    /** A JSON string; the generated values need no escaping, but an environment given on the command line might */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
