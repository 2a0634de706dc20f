package io.changeledger.proof.format;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The manifest of an export package as JSON. No method closes the stream it is given. */
public final class ExportPackages {

    private static final ObjectWriter WRITER = FormatJson.MAPPER.writer()
            .with(SerializationFeature.INDENT_OUTPUT);

    private ExportPackages() {
    }

    public static void writeManifest(ExportManifest manifest, OutputStream out) {
        try {
            out.write(WRITER.writeValueAsBytes(manifest));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException if the document is not an export manifest */
    public static ExportManifest readManifest(InputStream in) {
        try {
            ExportManifest manifest = FormatJson.MAPPER.readValue(in, ExportManifest.class);
            if (manifest == null) {
                throw new IllegalArgumentException("the manifest is empty");
            }
            return manifest;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not an export manifest: " + e.getOriginalMessage(), e);
        }
    }
}
