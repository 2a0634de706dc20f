package io.changeledger.query.source;

import io.changeledger.events.source.SourceCredentialsRotated;
import io.changeledger.events.source.SourceDisabled;
import io.changeledger.events.source.SourceGapDetected;
import io.changeledger.events.source.SourceRegistered;
import io.changeledger.events.source.SourceScope;
import io.changeledger.events.source.SourceScopeChanged;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.projection.LedgerProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the registered ingestion sources and their sequence gaps. A source's events share its name as their key,
 * so they arrive in the order the ledger stored them and an update always finds the registration before it; a
 * gap is stored on its own row all the same, since what did not arrive matters even about a source the read model
 * does not know.
 */
@Component
class SourceProjection implements LedgerProjection {

    /** Keeps the scope's order, which the event sorted so that equal scopes read the same. */
    private static final String TEXT_ARRAY = """
            array(select e.value from jsonb_array_elements_text(cast(:%s as jsonb)) with ordinality as e(value, n)
                order by e.n)""";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    SourceProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void on(LedgerEnvelope envelope) {
        if (envelope.event() instanceof SourceRegistered registered) {
            on(registered, envelope);
        } else if (envelope.event() instanceof SourceScopeChanged changed) {
            on(changed);
        } else if (envelope.event() instanceof SourceCredentialsRotated rotated) {
            on(rotated);
        } else if (envelope.event() instanceof SourceDisabled disabled) {
            on(disabled);
        } else if (envelope.event() instanceof SourceGapDetected gap) {
            on(gap, envelope);
        }
    }

    /** A name is registered once (it is the aggregate's id): a second registration could only be a copy. */
    private void on(SourceRegistered event, LedgerEnvelope envelope) {
        jdbc.sql("""
                        insert into ingestion_source (source_name, kind, scope_types, scope_systems, rate_per_second,
                            description, registered_by, registered_at, recorded_at, event_id, global_sequence)
                        values (:sourceName, :kind, %s, %s, :ratePerSecond, :description, :registeredBy,
                            :occurredAt, :recordedAt, :eventId, :globalSequence)
                        on conflict (source_name) do nothing"""
                        .formatted(TEXT_ARRAY.formatted("types"), TEXT_ARRAY.formatted("systems")))
                .paramSource(scope(new Params(), event.scope())
                        .text("sourceName", event.sourceName())
                        .text("kind", event.kind())
                        .integer("ratePerSecond", event.ratePerSecond())
                        .text("description", event.description())
                        .text("registeredBy", event.registeredBy())
                        .time("occurredAt", event.occurredAt())
                        .time("recordedAt", envelope.recordedAt())
                        .uuid("eventId", envelope.eventId())
                        .bigint("globalSequence", envelope.globalSequence()))
                .update();
    }

    private void on(SourceScopeChanged event) {
        jdbc.sql("""
                        update ingestion_source
                        set scope_types = %s, scope_systems = %s, rate_per_second = :ratePerSecond,
                            scope_changed_by = :changedBy, scope_changed_at = :occurredAt
                        where source_name = :sourceName"""
                        .formatted(TEXT_ARRAY.formatted("types"), TEXT_ARRAY.formatted("systems")))
                .paramSource(scope(new Params(), event.scope())
                        .text("sourceName", event.sourceName())
                        .integer("ratePerSecond", event.ratePerSecond())
                        .text("changedBy", event.changedBy())
                        .time("occurredAt", event.occurredAt()))
                .update();
    }

    private void on(SourceCredentialsRotated event) {
        jdbc.sql("""
                        update ingestion_source
                        set credentials_rotated_by = :rotatedBy, credentials_rotated_at = :occurredAt
                        where source_name = :sourceName""")
                .paramSource(new Params()
                        .text("sourceName", event.sourceName())
                        .text("rotatedBy", event.rotatedBy())
                        .time("occurredAt", event.occurredAt()))
                .update();
    }

    /** The first disabling stands: the command side records only one, and a source cannot be enabled again. */
    private void on(SourceDisabled event) {
        jdbc.sql("""
                        update ingestion_source
                        set disabled_at = :occurredAt, disabled_by = :disabledBy, disable_reason = :reason
                        where source_name = :sourceName and disabled_at is null""")
                .paramSource(new Params()
                        .text("sourceName", event.sourceName())
                        .text("disabledBy", event.disabledBy())
                        .text("reason", event.reason())
                        .time("occurredAt", event.occurredAt()))
                .update();
    }

    private void on(SourceGapDetected event, LedgerEnvelope envelope) {
        jdbc.sql("""
                        insert into source_gap (event_id, source_name, expected_sequence, received_sequence,
                            missing_count, detected_at, recorded_at, global_sequence)
                        values (:eventId, :sourceName, :expected, :received, :missing, :occurredAt, :recordedAt,
                            :globalSequence)""")
                .paramSource(new Params()
                        .uuid("eventId", envelope.eventId())
                        .text("sourceName", event.sourceName())
                        .bigint("expected", event.expectedSequence())
                        .bigint("received", event.receivedSequence())
                        .bigint("missing", event.missingCount())
                        .time("occurredAt", event.occurredAt())
                        .time("recordedAt", envelope.recordedAt())
                        .bigint("globalSequence", envelope.globalSequence()))
                .update();
    }

    private Params scope(Params params, SourceScope scope) {
        params.json("types", json.writeValueAsString(scope.types()))
                .json("systems", json.writeValueAsString(scope.systems()));
        return params;
    }
}
