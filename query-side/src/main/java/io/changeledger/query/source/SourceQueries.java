package io.changeledger.query.source;

import io.changeledger.events.source.SourceKind;
import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Component
class SourceQueries {

    private static final RowMapper<SourceView> SOURCE = (rs, row) -> new SourceView(rs.getString("source_name"),
            Rows.enumeration(rs, "kind", SourceKind.class),
            new SourceView.Scope(Rows.texts(rs, "scope_types"), Rows.texts(rs, "scope_systems")),
            rs.getInt("rate_per_second"), rs.getString("description"), rs.getString("registered_by"),
            Rows.instant(rs, "registered_at"), Rows.instant(rs, "recorded_at"), rs.getString("scope_changed_by"),
            Rows.instant(rs, "scope_changed_at"), rs.getString("credentials_rotated_by"),
            Rows.instant(rs, "credentials_rotated_at"), rs.getObject("disabled_at") != null,
            Rows.instant(rs, "disabled_at"), rs.getString("disabled_by"), rs.getString("disable_reason"),
            rs.getLong("gap_count"), rs.getLong("missing_events"), Rows.instant(rs, "last_gap_at"),
            rs.getObject("event_id", UUID.class), rs.getLong("global_sequence"));

    private static final RowMapper<SourceGapView> GAP = (rs, row) -> new SourceGapView(rs.getString("source_name"),
            rs.getLong("expected_sequence"), rs.getLong("received_sequence"), rs.getLong("missing_count"),
            Rows.instant(rs, "detected_at"), Rows.instant(rs, "recorded_at"), rs.getObject("event_id", UUID.class),
            rs.getLong("global_sequence"));

    private static final String SELECT = "s.*, g.gap_count, g.missing_events, g.last_gap_at";

    /** The gap counts are summed when asked: see source_gap in V4. */
    private static final String FROM = """
            from ingestion_source s
             cross join lateral (select count(*) as gap_count, coalesce(sum(missing_count), 0) as missing_events,
                 max(detected_at) as last_gap_at
                 from source_gap where source_name = s.source_name) g""";

    private final JdbcClient jdbc;
    private final Snapshot snapshot;

    SourceQueries(JdbcClient jdbc, Snapshot snapshot) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
    }

    Optional<SourceView> handle(FindSourceQuery query) {
        return snapshot.read(() -> jdbc.sql("select " + SELECT + " " + FROM + " where s.source_name = :name")
                .paramSource(new Params().text("name", query.name())).query(SOURCE).optional());
    }

    Page<SourceView> handle(FindSourcesQuery query) {
        return snapshot.read(() -> Paging.page(jdbc, SELECT, FROM, "s.source_name", new Params(), query.page(),
                query.size(), SOURCE));
    }

    Page<SourceGapView> handle(FindSourceGapsQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<SourceGapView> answer(FindSourceGapsQuery query) {
        Params params = new Params();
        List<String> conditions = new ArrayList<>();
        if (query.source() != null) {
            conditions.add("source_name = :source");
            params.text("source", query.source());
        }
        if (query.from() != null) {
            conditions.add("detected_at >= :from");
            params.time("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("detected_at < :to");
            params.time("to", query.to());
        }
        String from = " from source_gap" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        return Paging.page(jdbc, "*", from, "detected_at desc, global_sequence desc", params, query.page(),
                query.size(), GAP);
    }
}
