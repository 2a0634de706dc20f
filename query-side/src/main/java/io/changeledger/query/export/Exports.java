package io.changeledger.query.export;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.ExportManifest;
import io.changeledger.proof.format.ExportPackageWriter;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.proof.LedgerEvidence;
import io.changeledger.query.web.Problems;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes export packages: the population's rows as of the latest verified checkpoint, streamed from a database
 * cursor into a ZIP stream together with the evidence and the manifest. Memory holds a cursor's worth of rows, the
 * evidence sample and, for a PDF, the report's counts and first exceptions, whatever the number of rows.
 */
@Component
class Exports {

    static final String EVIDENCE = "evidence.json";
    static final String REPORT = "report.pdf";
    static final String EXCEPTIONS = "exceptions.csv";
    /** At most this many row-block hashes in a manifest: a change is pinned to a block of rows/4096 rows. */
    private static final int MAX_BLOCKS = 4096;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate cursor;
    private final Snapshot snapshot;
    private final LedgerEvidence evidence;
    private final ExportProperties properties;
    private final Clock clock;
    private final Random random = new SecureRandom();

    Exports(JdbcClient jdbc, DataSource dataSource, Snapshot snapshot, LedgerEvidence evidence,
            ExportProperties properties, Clock clock) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(properties.fetchSize());
        this.cursor = new NamedParameterJdbcTemplate(template);
        this.snapshot = snapshot;
        this.evidence = evidence;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What an export rests on, settled before its first byte so that a refusal can still be a problem answer.
     *
     * @param cut     the highest global sequence of an event in the checkpointed tree
     * @param outside the global sequences up to the cut of events the tree does not hold: the publisher puts an
     *                event whose transaction committed late after events of higher global sequences, so the tree's
     *                events are not all and only those up to a global sequence
     * @param rows    how many rows the export will hold
     */
    record Plan(ExportRequest request, Checkpoint checkpoint, long cut, List<Long> outside, long rows) {
    }

    Plan plan(ExportRequest request) {
        return snapshot.read(() -> {
            Checkpoint checkpoint = evidence.latestVerifiedCheckpoint().orElseThrow(() -> Problems.conflict(
                    "No verified checkpoint", "No checkpoint is verified yet: an export rests on one"));
            // from the highest global sequence down, the first event in the tree: only the few after it are not
            long cut = jdbc.sql("""
                            select p.global_sequence from processed_event p
                            join ledger_entry e on e.event_id = p.event_id and e.sequence < ?
                            order by p.global_sequence desc limit 1""")
                    .param(checkpoint.treeSize()).query(Long.class).optional().orElse(-1L);
            List<Long> outside = jdbc.sql("""
                            select p.global_sequence from ledger_entry e
                            join processed_event p on p.event_id = e.event_id and p.global_sequence <= ?
                            where e.sequence >= ? order by 1""")
                    .params(cut, checkpoint.treeSize()).query(Long.class).list();
            Params params = params(request, checkpoint.treeSize(), cut, outside);
            long rows = jdbc.sql("select count(*) from (" + request.population().sql(request) + ") rows")
                    .paramSource(params).query(Long.class).single();
            return new Plan(request, checkpoint, cut, outside, rows);
        });
    }

    void write(Plan plan, OutputStream out) {
        snapshot.read(() -> {
            writeInSnapshot(plan, out);
            return null;
        });
    }

    private void writeInSnapshot(Plan plan, OutputStream out) {
        ExportRequest request = plan.request();
        Population population = request.population();
        Checkpoint checkpoint = plan.checkpoint();
        Instant generatedAt = clock.instant();
        boolean pdf = request.format() == ExportFormat.PDF;
        String dataFile = pdf ? EXCEPTIONS : population.path() + "." + request.format().rows().extension();
        int blockSize = (int) Math.max(1, (plan.rows() + MAX_BLOCKS - 1) / MAX_BLOCKS);
        ExportSummary summary = new ExportSummary(population, request.from(), request.to(),
                properties.pdfExceptionRows());
        Sample sample = new Sample(properties.evidenceRows(), random);
        int eventId = population.columns().indexOf("event_id");

        ExportPackageWriter writer = new ExportPackageWriter(out);
        try (ExportPackageWriter.RowWriter rows = writer.rows(dataFile, request.format().rows(),
                population.columns(), blockSize)) {
            cursor.query(population.sql(request), params(request, checkpoint.treeSize(), plan.cut(), plan.outside()), rs -> {
                List<Object> row = population.row(rs);
                summary.add(row);
                if (!pdf || summary.isException(row)) {
                    rows.row(row);
                    sample.offer(UUID.fromString(row.get(eventId).toString()));
                }
            });
        }
        if (pdf) {
            writer.file(REPORT, "application/pdf", report -> PdfReport.write(report, request, summary, checkpoint,
                    generatedAt));
        }
        EvidenceBundle bundle = evidence.bundle(sample.events(), checkpoint.treeSize());
        writer.evidence(EVIDENCE, bundle);
        writer.finish(new ExportManifest(ExportManifest.FORMAT, population.path(), population.mappingVersion(),
                new ExportManifest.Query("/api/v1/exports/" + population.path(), parameters(request)),
                new ExportManifest.Period(request.from(), request.to()), generatedAt, summary.rows(), checkpoint,
                List.of(), new ExportManifest.RowBinding(population.columns(), "ledger_sequence", "leaf_hash",
                population.attested()),
                new ExportManifest.Evidence(EVIDENCE, bundle.entries().size(), sample.complete()
                        ? ExportManifest.Evidence.ALL : ExportManifest.Evidence.SAMPLE)));
    }

    private static Params params(ExportRequest request, long treeSize, long cut, List<Long> outside) {
        Params params = new Params();
        params.time("from", request.from()).time("to", request.to()).bigint("treeSize", treeSize)
                .bigint("cut", cut).text("outside", outside.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")));
        request.filters().forEach(params::text);
        return params;
    }

    private static TreeMap<String, String> parameters(ExportRequest request) {
        TreeMap<String, String> parameters = new TreeMap<>(request.filters());
        parameters.put("from", request.from().toString());
        parameters.put("to", request.to().toString());
        parameters.put("format", request.format().parameter());
        return parameters;
    }

    /** A uniform random sample of the rows' events, one pass, fixed memory (Vitter's algorithm R). */
    private static final class Sample {

        private final int size;
        private final Random random;
        private final List<UUID> events = new ArrayList<>();
        private long seen;

        Sample(int size, Random random) {
            this.size = size;
            this.random = random;
        }

        void offer(UUID event) {
            seen++;
            if (events.size() < size) {
                events.add(event);
            } else {
                long slot = (long) (random.nextDouble() * seen);
                if (slot < size) {
                    events.set((int) slot, event);
                }
            }
        }

        List<UUID> events() {
            return events;
        }

        /** Every row is in the sample. */
        boolean complete() {
            return seen <= size;
        }
    }
}
