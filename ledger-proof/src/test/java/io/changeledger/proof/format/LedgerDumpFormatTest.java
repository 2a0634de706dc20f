package io.changeledger.proof.format;

import io.changeledger.proof.LeafEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerDumpFormatTest {

    private final GoldenExample example = new GoldenExample();

    private byte[] dump() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LedgerDumpWriter writer = new LedgerDumpWriter(out)) {
            writer.header(GoldenExample.ORIGIN, 3);
            writer.checkpoint(example.atTwo);
            writer.checkpoint(example.atThree);
            example.entries.forEach(writer::entry);
        }
        return out.toByteArray();
    }

    @Test
    void writesTheWireShapeOfTheGoldenFile() throws IOException {
        assertThat(new String(dump(), StandardCharsets.UTF_8))
                .isEqualTo(GoldenExample.resource("/golden/ledger-dump.ndjson"));
    }

    @Test
    void readsTheGoldenFileBackLineByLine() throws IOException {
        List<DumpLine> lines = new ArrayList<>();
        try (LedgerDumpReader reader = new LedgerDumpReader(new ByteArrayInputStream(
                GoldenExample.resource("/golden/ledger-dump.ndjson").getBytes(StandardCharsets.UTF_8)))) {
            for (DumpLine line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo(new DumpLine.Header(1, LedgerDumpWriter.FORMAT, GoldenExample.ORIGIN, 3));
        assertThat(lines.get(1)).isEqualTo(new DumpLine.CheckpointLine(2, example.atTwo));
        assertThat(lines.get(2)).isEqualTo(new DumpLine.CheckpointLine(3, example.atThree));
        for (int i = 0; i < 3; i++) {
            DumpLine.EntryLine line = (DumpLine.EntryLine) lines.get(3 + i);
            assertThat(line.lineNumber()).isEqualTo(4 + i);
            assertThat(line.entry()).isEqualTo(example.entries.get(i));
            assertThat(LeafEntry.leafHash(line.entry().entry()).hex()).isEqualTo(line.entry().leafHash());
        }
    }

    @Test
    void reportsAMalformedLineWithItsNumberAndGoesOn() throws IOException {
        String text = "{\"format\":\"changeledger-ledger-dump/1\",\"origin\":\"o\",\"treeSize\":1}\n"
                + "{\"sequence\":0,\"leafHash\":\"nothex\",\"entry\":{}}\n"
                + "not json\n"
                + "{\"something\":\"else\"}\n"
                + "{\"checkpoint\":{\"origin\":\"o\",\"treeSize\":1}}\n"
                + "{\"sequence\":0,\"leafHash\":\"" + "0".repeat(64) + "\",\"entry\":{}}\n";
        List<Long> malformed = new ArrayList<>();
        List<DumpLine> read = new ArrayList<>();
        try (LedgerDumpReader reader = new LedgerDumpReader(new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)))) {
            while (true) {
                try {
                    DumpLine line = reader.next();
                    if (line == null) {
                        break;
                    }
                    read.add(line);
                } catch (MalformedDumpLineException e) {
                    assertThat(e.getMessage()).startsWith("line " + e.lineNumber() + ": ");
                    malformed.add(e.lineNumber());
                }
            }
        }
        assertThat(malformed).containsExactly(2L, 3L, 4L, 5L);
        assertThat(read).extracting(DumpLine::lineNumber).containsExactly(1L, 6L);
    }

    @Test
    void refusesBytesThatAreNotUtf8InsteadOfReplacingThem() {
        byte[] bytes = "{\"format\":\"x\",\"origin\":\"\u00ff\",\"treeSize\":0}\n".getBytes(StandardCharsets.ISO_8859_1);
        LedgerDumpReader reader = new LedgerDumpReader(new ByteArrayInputStream(bytes));
        assertThatThrownBy(reader::next).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void enforcesTheOrderOfTheLines() {
        LedgerDumpWriter writer = new LedgerDumpWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> writer.entry(example.entries.get(0))).isInstanceOf(IllegalStateException.class);
        writer.header(GoldenExample.ORIGIN, 3);
        writer.checkpoint(example.atThree);
        assertThatThrownBy(() -> writer.checkpoint(example.atTwo)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> writer.entry(example.entries.get(1))).isInstanceOf(IllegalStateException.class);
        writer.entry(example.entries.get(0));
        assertThatThrownBy(() -> writer.checkpoint(example.atThree)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> writer.header("o", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closesTheStreamOnlyWhenAskedTo() throws IOException {
        boolean[] closed = new boolean[1];
        OutputStream stream = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new LedgerDumpWriter(stream).close();
        assertThat(closed[0]).isFalse();
        new LedgerDumpWriter(stream, true).close();
        assertThat(closed[0]).isTrue();
    }
}
