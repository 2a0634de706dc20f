package io.changeledger.query.export;

import io.changeledger.proof.Checkpoint;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.awt.Color;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The PDF of an export: a first page with the period, scope, summary, a chart of the trend and the checkpoint the
 * report rests on, then the table of exceptions. Drawn with PDFBox's primitives and the standard Helvetica, so
 * that it needs no font files; text outside Latin-1 is shown as '?'.
 */
final class PdfReport {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDType1Font MONO = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Color INK = new Color(0x22, 0x2b, 0x36);
    private static final Color GRID = new Color(0xd5, 0xd9, 0xde);
    private static final Color ROWS = new Color(0x5b, 0x7d, 0xb1);
    private static final Color EXCEPTIONS = new Color(0xc8, 0x3e, 0x3e);
    private static final float MARGIN = 40;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final int TABLE_ROWS_PER_PAGE = 48;

    private PdfReport() {
    }

    static void write(OutputStream out, ExportRequest request, ExportSummary summary, Checkpoint checkpoint,
                      Instant generatedAt) {
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle("ChangeLedger: " + request.population().title());
            document.getDocumentInformation().setCreator("ChangeLedger query side");
            firstPage(document, request, summary, checkpoint, generatedAt);
            exceptionPages(document, summary);
            // PDFBox closes the stream it saves to; the package has more files to come
            document.save(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void firstPage(PDDocument document, ExportRequest request, ExportSummary summary,
                                  Checkpoint checkpoint, Instant generatedAt) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream canvas = new PDPageContentStream(document, page)) {
            float y = PDRectangle.A4.getHeight() - MARGIN - 10;
            text(canvas, BOLD, 18, MARGIN, y, request.population().title());
            y -= 22;
            text(canvas, REGULAR, 10, MARGIN, y, "Period " + DAY.format(request.from()) + " to "
                    + DAY.format(request.to()) + " (end exclusive)   Scope: " + scope(request));
            y -= 14;
            text(canvas, REGULAR, 10, MARGIN, y, "Generated " + generatedAt + "   Mapping "
                    + request.population().mappingVersion() + "   As of ledger tree size " + checkpoint.treeSize());

            y -= 30;
            text(canvas, BOLD, 12, MARGIN, y, "Summary");
            y -= 26;
            long rows = summary.rows();
            number(canvas, MARGIN, y, "Rows", rows);
            number(canvas, MARGIN + 130, y, "Exceptions", summary.exceptions());
            number(canvas, MARGIN + 260, y, summary.flagName(), summary.flagged());
            text(canvas, REGULAR, 9, MARGIN + 390, y + 10, "Exception rate");
            text(canvas, BOLD, 16, MARGIN + 390, y - 8, rows == 0 ? "-"
                    : String.format("%.1f %%", 100.0 * summary.exceptions() / rows));
            y -= 30;
            StringBuilder statuses = new StringBuilder("By status: ");
            for (Map.Entry<String, Long> status : summary.byStatus().entrySet()) {
                statuses.append(status.getKey()).append(' ').append(status.getValue()).append("   ");
            }
            text(canvas, REGULAR, 9, MARGIN, y, statuses.toString().strip());

            y -= 30;
            text(canvas, BOLD, 12, MARGIN, y, "Trend: rows and exceptions per " + summary.bucketDays() + " days");
            y -= 12;
            float chartHeight = 220;
            chart(canvas, summary, MARGIN, y - chartHeight, WIDTH, chartHeight);
            y -= chartHeight + 40;

            text(canvas, BOLD, 12, MARGIN, y, "The checkpoint this export rests on");
            y -= 6;
            canvas.setStrokingColor(GRID);
            canvas.addRect(MARGIN, y - 92, WIDTH, 88);
            canvas.stroke();
            y -= 20;
            field(canvas, y, "Origin", checkpoint.origin());
            field(canvas, y - 14, "Tree size", Long.toString(checkpoint.treeSize()));
            field(canvas, y - 28, "Root hash", checkpoint.rootHash());
            field(canvas, y - 42, "Signed at", checkpoint.time().toString());
            field(canvas, y - 56, "Key id", checkpoint.keyId());
            field(canvas, y - 70, "Signature", abbreviate(checkpoint.signature(), 72));
            y -= 110;
            paragraph(canvas, y, "Only events in this tree count: each row is the state its events up to the"
                    + " checkpoint left it in. The package's manifest.json holds the SHA-256 of this file and of"
                    + " exceptions.csv, whose rows each name the ledger entry they come from; verify the package"
                    + " with: java -jar changeledger-verifier.jar export <package.zip> --keys <keyring>");
        }
    }

    private static void chart(PDPageContentStream canvas, ExportSummary summary, float x, float y, float width,
                              float height) throws IOException {
        long[] rows = summary.rowsPerBucket();
        long[] exceptions = summary.exceptionsPerBucket();
        long max = 1;
        for (long count : rows) {
            max = Math.max(max, count);
        }
        long scale = niceCeiling(max);
        float axis = 36;
        float plotX = x + axis;
        float plotWidth = width - axis - 24;
        float plotHeight = height - 24;
        float plotY = y + 20;
        canvas.setLineWidth(0.5f);
        for (int i = 0; i <= 4; i++) {
            float lineY = plotY + plotHeight * i / 4;
            canvas.setStrokingColor(GRID);
            canvas.moveTo(plotX, lineY);
            canvas.lineTo(plotX + plotWidth, lineY);
            canvas.stroke();
            text(canvas, REGULAR, 7, x, lineY - 2, Long.toString(scale * i / 4));
        }
        float slot = plotWidth / rows.length;
        float bar = Math.max(1, slot * 0.7f);
        for (int i = 0; i < rows.length; i++) {
            float barX = plotX + i * slot + (slot - bar) / 2;
            canvas.setNonStrokingColor(ROWS);
            canvas.addRect(barX, plotY, bar, plotHeight * rows[i] / scale);
            canvas.fill();
            canvas.setNonStrokingColor(EXCEPTIONS);
            canvas.addRect(barX + bar * 0.25f, plotY, bar * 0.5f, plotHeight * exceptions[i] / scale);
            canvas.fill();
        }
        // the exception rate as a line over the bars, on its own 0-100 % scale at the right
        canvas.setStrokingColor(EXCEPTIONS);
        canvas.setLineWidth(1.2f);
        boolean started = false;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == 0) {
                continue;
            }
            float pointX = plotX + i * slot + slot / 2;
            float pointY = plotY + plotHeight * exceptions[i] / rows[i];
            if (started) {
                canvas.lineTo(pointX, pointY);
            } else {
                canvas.moveTo(pointX, pointY);
                started = true;
            }
        }
        if (started) {
            canvas.stroke();
        }
        text(canvas, REGULAR, 7, plotX + plotWidth + 2, plotY + plotHeight - 2, "100 %");
        text(canvas, REGULAR, 7, plotX + plotWidth + 2, plotY - 2, "0 %");
        int every = Math.max(1, rows.length / 6);
        for (int i = 0; i < rows.length; i += every) {
            text(canvas, REGULAR, 7, plotX + i * slot, y + 8, DAY.format(summary.bucketStart(i)));
        }
        legend(canvas, plotX, y - 6, ROWS, "rows");
        legend(canvas, plotX + 60, y - 6, EXCEPTIONS, "exceptions (bars), exception rate 0-100 % of the height (line)");
        canvas.setNonStrokingColor(INK);
    }

    private static void exceptionPages(PDDocument document, ExportSummary summary) throws IOException {
        List<List<Object>> exceptions = summary.firstExceptions();
        Population population = summary.population();
        List<String> columns = population.columns();
        int id = 0;
        int subject = columns.indexOf(population.subjectColumn());
        int occurred = columns.indexOf("occurred_at");
        int status = columns.indexOf("status");
        int violations = columns.indexOf("violations");
        int sequence = columns.indexOf("ledger_sequence");
        float[] at = {MARGIN, MARGIN + 175, MARGIN + 265, MARGIN + 340, MARGIN + 410, MARGIN + 470};
        int index = 0;
        do {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream canvas = new PDPageContentStream(document, page)) {
                float y = PDRectangle.A4.getHeight() - MARGIN - 10;
                text(canvas, BOLD, 14, MARGIN, y, "Exceptions" + (index == 0 ? "" : " (continued)"));
                y -= 16;
                if (index == 0) {
                    text(canvas, REGULAR, 9, MARGIN, y, summary.exceptions() == 0
                            ? "No row breached a control by the checkpoint."
                            : "Rows with a control violation recorded by the checkpoint: " + summary.exceptions()
                            + (summary.exceptions() > exceptions.size() ? ", the first " + exceptions.size()
                            + " below; all of them are in exceptions.csv" : ""));
                    y -= 18;
                }
                String[] header = {population == Population.CHANGES ? "Change" : "Grant",
                        capitalized(population.subjectColumn()), "Occurred", "Status", "Ledger seq.", "Violations"};
                for (int i = 0; i < header.length; i++) {
                    text(canvas, BOLD, 8, at[i], y, header[i]);
                }
                y -= 4;
                canvas.setStrokingColor(GRID);
                canvas.moveTo(MARGIN, y);
                canvas.lineTo(MARGIN + WIDTH, y);
                canvas.stroke();
                y -= 11;
                for (int line = 0; line < TABLE_ROWS_PER_PAGE && index < exceptions.size(); line++, index++) {
                    List<Object> row = exceptions.get(index);
                    text(canvas, MONO, 7, at[0], y, String.valueOf(row.get(id)));
                    text(canvas, REGULAR, 8, at[1], y, abbreviate(String.valueOf(row.get(subject)), 18));
                    text(canvas, REGULAR, 8, at[2], y, DAY.format(Instant.parse(row.get(occurred).toString())));
                    text(canvas, REGULAR, 8, at[3], y, String.valueOf(row.get(status)));
                    text(canvas, REGULAR, 8, at[4], y, String.valueOf(row.get(sequence)));
                    text(canvas, REGULAR, 8, at[5], y, abbreviate(String.valueOf(row.get(violations)), 17));
                    y -= 14;
                }
            }
        } while (index < exceptions.size());
    }

    private static String scope(ExportRequest request) {
        if (request.filters().isEmpty()) {
            return "all";
        }
        StringBuilder scope = new StringBuilder();
        request.population().filters().stream().filter(request.filters()::containsKey)
                .forEach(filter -> scope.append(scope.isEmpty() ? "" : ", ").append(filter).append(" = ")
                        .append(request.filters().get(filter)));
        return scope.toString();
    }

    private static long niceCeiling(long max) {
        long step = 1;
        while (step * 10 < max) {
            step *= 10;
        }
        for (long multiple : new long[]{1, 2, 4, 5, 10}) {
            if (step * multiple >= max) {
                return step * multiple;
            }
        }
        return step * 10;
    }

    private static void number(PDPageContentStream canvas, float x, float y, String label, long value)
            throws IOException {
        text(canvas, REGULAR, 9, x, y + 10, label);
        text(canvas, BOLD, 16, x, y - 8, String.format("%,d", value));
    }

    private static void field(PDPageContentStream canvas, float y, String label, String value) throws IOException {
        text(canvas, BOLD, 8, MARGIN + 8, y, label);
        text(canvas, MONO, 8, MARGIN + 70, y, value);
    }

    private static void legend(PDPageContentStream canvas, float x, float y, Color color, String label)
            throws IOException {
        canvas.setNonStrokingColor(color);
        canvas.addRect(x, y, 8, 8);
        canvas.fill();
        text(canvas, REGULAR, 7, x + 11, y + 1, label);
    }

    private static void paragraph(PDPageContentStream canvas, float y, String text) throws IOException {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (REGULAR.getStringWidth(line + " " + word) / 1000 * 8 > WIDTH) {
                text(canvas, REGULAR, 8, MARGIN, y, line.toString());
                y -= 11;
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        text(canvas, REGULAR, 8, MARGIN, y, line.toString());
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 3) + "...";
    }

    private static void text(PDPageContentStream canvas, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        canvas.setNonStrokingColor(INK);
        canvas.beginText();
        canvas.setFont(font, size);
        canvas.newLineAtOffset(x, y);
        canvas.showText(latin1(text));
        canvas.endText();
    }

    /** The standard fonts encode WinAnsi only; anything else would make PDFBox refuse the whole report. */
    private static String latin1(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            safe.append(c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff ? c : '?');
        }
        return safe.toString();
    }
}
