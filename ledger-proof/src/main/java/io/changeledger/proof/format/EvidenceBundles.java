package io.changeledger.proof.format;

import io.changeledger.proof.Checkpoint;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * JSON of the evidence shapes: whole bundles, and a single checkpoint or consistency proof as an auditor keeps it
 * in a file. Written indented (people read evidence too), read from any layout. No method closes the stream it is
 * given.
 */
public final class EvidenceBundles {

    private static final ObjectWriter WRITER = FormatJson.MAPPER.writer()
            .with(SerializationFeature.INDENT_OUTPUT);

    private EvidenceBundles() {
    }

    public static void write(EvidenceBundle bundle, OutputStream out) {
        writeJson(bundle, out);
    }

    /** @throws IllegalArgumentException if the document is not an evidence bundle's JSON */
    public static EvidenceBundle read(InputStream in) {
        return readJson(in, EvidenceBundle.class);
    }

    public static void writeCheckpoint(Checkpoint checkpoint, OutputStream out) {
        writeJson(FormatJson.checkpoint(checkpoint), out);
    }

    /** @throws IllegalArgumentException if the document is not a checkpoint */
    public static Checkpoint readCheckpoint(InputStream in) {
        return FormatJson.checkpoint(readJson(in, JsonNode.class));
    }

    public static void writeConsistencyProof(ConsistencyProof proof, OutputStream out) {
        writeJson(proof, out);
    }

    /** @throws IllegalArgumentException if the document is not a consistency proof */
    public static ConsistencyProof readConsistencyProof(InputStream in) {
        return readJson(in, ConsistencyProof.class);
    }

    private static void writeJson(Object value, OutputStream out) {
        try {
            out.write(WRITER.writeValueAsBytes(value));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T readJson(InputStream in, Class<T> type) {
        try {
            T value = FormatJson.MAPPER.readValue(in, type);
            if (value == null) {
                throw new IllegalArgumentException("the document is empty");
            }
            return value;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
